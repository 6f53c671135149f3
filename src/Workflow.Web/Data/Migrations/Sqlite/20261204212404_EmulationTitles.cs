using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Workflow.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class EmulationTitles : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "TitleLines",
                columns: table => new
                {
                    Id = table.Column<byte[]>(type: "BLOB", nullable: false),
                    RoundId = table.Column<byte[]>(type: "BLOB", nullable: false),
                    Title = table.Column<int>(type: "INTEGER", nullable: false),
                    SubjectType = table.Column<int>(type: "INTEGER", nullable: false),
                    SubjectId = table.Column<byte[]>(type: "BLOB", nullable: false),
                    SubjectName = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    UnitId = table.Column<byte[]>(type: "BLOB", nullable: false),
                    UnitPath = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    Granted = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TitleLines", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "TitleRounds",
                columns: table => new
                {
                    Id = table.Column<byte[]>(type: "BLOB", nullable: false),
                    UnitId = table.Column<byte[]>(type: "BLOB", nullable: false),
                    UnitPath = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    UnitName = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    Decided = table.Column<bool>(type: "INTEGER", nullable: false),
                    Number = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    DecidedOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    SignerName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    SignerTitle = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_TitleRounds", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_TitleLines_RoundId_Title_SubjectId",
                table: "TitleLines",
                columns: new[] { "RoundId", "Title", "SubjectId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_TitleLines_SubjectType_SubjectId",
                table: "TitleLines",
                columns: new[] { "SubjectType", "SubjectId" });

            migrationBuilder.CreateIndex(
                name: "IX_TitleRounds_UnitId_Year",
                table: "TitleRounds",
                columns: new[] { "UnitId", "Year" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "TitleLines");

            migrationBuilder.DropTable(
                name: "TitleRounds");
        }
    }
}
