using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Workflow.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class FileIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Files_InstanceId",
                table: "Files");

            migrationBuilder.DropIndex(
                name: "IX_Files_RoundId_SubjectUnitId",
                table: "Files");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Files_InstanceId",
                table: "Files",
                column: "InstanceId");

            migrationBuilder.CreateIndex(
                name: "IX_Files_RoundId_SubjectUnitId",
                table: "Files",
                columns: new[] { "RoundId", "SubjectUnitId" });
        }
    }
}
