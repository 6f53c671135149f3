using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Workflow.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class SeveralNodes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            foreach (var sql in Workflow.Web.Data.DuplicateRoundFiles.Statements())
            {
                migrationBuilder.Sql(sql);
            }

            migrationBuilder.DropIndex(
                name: "IX_Files_MemberId",
                table: "Files");

            migrationBuilder.AddColumn<byte[]>(
                name: "OpeningClaim",
                table: "Rounds",
                type: "BLOB",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "OpeningLeaseUntilUtc",
                table: "Rounds",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "DataProtectionKeys",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    FriendlyName = table.Column<string>(type: "TEXT", nullable: true),
                    Xml = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DataProtectionKeys", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "EvidenceContents",
                columns: table => new
                {
                    Id = table.Column<byte[]>(type: "BLOB", nullable: false),
                    Bytes = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EvidenceContents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_EvidenceContents_Evidence_Id",
                        column: x => x.Id,
                        principalTable: "Evidence",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Files_MemberId_RoundId",
                table: "Files",
                columns: new[] { "MemberId", "RoundId" },
                unique: true,
                filter: "\"MemberId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Files_RoundId_SubjectType_SubjectUnitId",
                table: "Files",
                columns: new[] { "RoundId", "SubjectType", "SubjectUnitId" },
                unique: true,
                filter: "\"MemberId\" IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DataProtectionKeys");

            migrationBuilder.DropTable(
                name: "EvidenceContents");

            migrationBuilder.DropIndex(
                name: "IX_Files_MemberId_RoundId",
                table: "Files");

            migrationBuilder.DropIndex(
                name: "IX_Files_RoundId_SubjectType_SubjectUnitId",
                table: "Files");

            migrationBuilder.DropColumn(
                name: "OpeningClaim",
                table: "Rounds");

            migrationBuilder.DropColumn(
                name: "OpeningLeaseUntilUtc",
                table: "Rounds");

            migrationBuilder.CreateIndex(
                name: "IX_Files_MemberId",
                table: "Files",
                column: "MemberId");
        }
    }
}
