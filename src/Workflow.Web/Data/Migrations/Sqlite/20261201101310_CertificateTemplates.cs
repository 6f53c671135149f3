using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Workflow.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CertificateTemplates : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "TemplateVersion",
                table: "Certificates",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "TemplateVersion",
                table: "Certificates");
        }
    }
}
