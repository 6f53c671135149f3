using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Workflow.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AwardKindDefaults : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The award rule the product always had becomes the kind granted with every rating Decision (its own
            // migration: SQLite rebuilds tables at the end of the previous one).
            migrationBuilder.Sql("UPDATE \"AwardRules\" SET \"WithRatingDecision\" = 1, \"Years\" = 1, \"Name\" = 'Giấy khen hoàn thành xuất sắc nhiệm vụ' WHERE \"Code\" = 'GK-HTXSNV' AND \"Version\" = 1;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
        }
    }
}
