using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Workflow.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class FileSortKey : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "SortKey",
                table: "Files",
                type: "TEXT",
                maxLength: 300,
                nullable: false,
                defaultValue: "");

            // Files opened before the key existed: their folded name, close to the order (a round opened later gets exact keys).
            migrationBuilder.Sql("UPDATE \"Files\" SET \"SortKey\" = \"SearchName\";");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "SortKey",
                table: "Files");
        }
    }
}
