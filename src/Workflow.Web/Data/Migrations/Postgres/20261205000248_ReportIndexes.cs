using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Workflow.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ReportIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_YearRatings_Year_UnitPath_SubjectType_Level",
                table: "YearRatings",
                columns: new[] { "Year", "UnitPath", "SubjectType", "Level" });

            migrationBuilder.CreateIndex(
                name: "IX_TitleLines_Year_UnitPath",
                table: "TitleLines",
                columns: new[] { "Year", "UnitPath" });

            migrationBuilder.CreateIndex(
                name: "IX_AwardGrants_Year_UnitPath",
                table: "AwardGrants",
                columns: new[] { "Year", "UnitPath" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_YearRatings_Year_UnitPath_SubjectType_Level",
                table: "YearRatings");

            migrationBuilder.DropIndex(
                name: "IX_TitleLines_Year_UnitPath",
                table: "TitleLines");

            migrationBuilder.DropIndex(
                name: "IX_AwardGrants_Year_UnitPath",
                table: "AwardGrants");
        }
    }
}
