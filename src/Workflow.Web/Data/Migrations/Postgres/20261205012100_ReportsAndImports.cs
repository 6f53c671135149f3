using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Workflow.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ReportsAndImports : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "HasCommittee",
                table: "Units",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "Imported",
                table: "TitleRounds",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "Code",
                table: "Members",
                type: "character varying(50)",
                maxLength: 50,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Form",
                table: "Members",
                type: "character varying(4)",
                maxLength: 4,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "Imported",
                table: "AwardDecisions",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "ImportJobs",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    ScopeUnitId = table.Column<Guid>(type: "uuid", nullable: false),
                    ScopePath = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    FileName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Content = table.Column<byte[]>(type: "bytea", nullable: false),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    Total = table.Column<int>(type: "integer", nullable: false),
                    Done = table.Column<int>(type: "integer", nullable: false),
                    Created = table.Column<int>(type: "integer", nullable: false),
                    Updated = table.Column<int>(type: "integer", nullable: false),
                    Unchanged = table.Column<int>(type: "integer", nullable: false),
                    ErrorCount = table.Column<int>(type: "integer", nullable: false),
                    Errors = table.Column<string>(type: "text", nullable: false),
                    Failure = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    CreatedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    StartedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    FinishedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    LeaseUntilUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ImportJobs", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "YearTallies",
                columns: table => new
                {
                    Year = table.Column<int>(type: "integer", nullable: false),
                    UnitId = table.Column<Guid>(type: "uuid", nullable: false),
                    SubjectType = table.Column<int>(type: "integer", nullable: false),
                    Level = table.Column<int>(type: "integer", nullable: false),
                    UnitPath = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    Count = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_YearTallies", x => new { x.Year, x.UnitId, x.SubjectType, x.Level });
                });

            migrationBuilder.CreateTable(
                name: "YearTallyStamps",
                columns: table => new
                {
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Ratings = table.Column<int>(type: "integer", nullable: false),
                    LastRecordedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    BuiltAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_YearTallyStamps", x => x.Year);
                });

            migrationBuilder.CreateIndex(
                name: "IX_YearRatings_Year_RecordedAtUtc",
                table: "YearRatings",
                columns: new[] { "Year", "RecordedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_Units_Code",
                table: "Units",
                column: "Code");

            migrationBuilder.CreateIndex(
                name: "IX_TitleLines_Year_UnitPath",
                table: "TitleLines",
                columns: new[] { "Year", "UnitPath" });

            migrationBuilder.CreateIndex(
                name: "IX_Members_Code",
                table: "Members",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AwardGrants_Year_UnitPath",
                table: "AwardGrants",
                columns: new[] { "Year", "UnitPath" });

            migrationBuilder.CreateIndex(
                name: "IX_ImportJobs_CreatedBy_CreatedAtUtc",
                table: "ImportJobs",
                columns: new[] { "CreatedBy", "CreatedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_ImportJobs_Status",
                table: "ImportJobs",
                column: "Status");

            migrationBuilder.CreateIndex(
                name: "IX_YearTallies_Year_UnitPath",
                table: "YearTallies",
                columns: new[] { "Year", "UnitPath" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ImportJobs");

            migrationBuilder.DropTable(
                name: "YearTallies");

            migrationBuilder.DropTable(
                name: "YearTallyStamps");

            migrationBuilder.DropIndex(
                name: "IX_YearRatings_Year_RecordedAtUtc",
                table: "YearRatings");

            migrationBuilder.DropIndex(
                name: "IX_Units_Code",
                table: "Units");

            migrationBuilder.DropIndex(
                name: "IX_TitleLines_Year_UnitPath",
                table: "TitleLines");

            migrationBuilder.DropIndex(
                name: "IX_Members_Code",
                table: "Members");

            migrationBuilder.DropIndex(
                name: "IX_AwardGrants_Year_UnitPath",
                table: "AwardGrants");

            migrationBuilder.DropColumn(
                name: "HasCommittee",
                table: "Units");

            migrationBuilder.DropColumn(
                name: "Imported",
                table: "TitleRounds");

            migrationBuilder.DropColumn(
                name: "Code",
                table: "Members");

            migrationBuilder.DropColumn(
                name: "Form",
                table: "Members");

            migrationBuilder.DropColumn(
                name: "Imported",
                table: "AwardDecisions");
        }
    }
}
