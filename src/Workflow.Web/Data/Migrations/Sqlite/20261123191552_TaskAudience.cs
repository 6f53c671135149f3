using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Workflow.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class TaskAudience : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "WfTaskAudience",
                columns: table => new
                {
                    Principal = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    TaskId = table.Column<byte[]>(type: "BLOB", nullable: false),
                    InstanceId = table.Column<byte[]>(type: "BLOB", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WfTaskAudience", x => new { x.Principal, x.TaskId });
                });

            migrationBuilder.CreateIndex(
                name: "IX_WfTaskAudience_InstanceId",
                table: "WfTaskAudience",
                column: "InstanceId");

            // Tasks open before this migration: split their ",a,b," candidate lists into audience rows.
            migrationBuilder.Sql("""
                WITH RECURSIVE split("TaskId", "InstanceId", "Prefix", "Rest", "Item") AS (
                    SELECT "Id", "InstanceId", 'u:', substr("CandidateUsers", 2), NULL FROM "WfTasks" WHERE "CandidateUsers" IS NOT NULL
                    UNION ALL
                    SELECT "Id", "InstanceId", 'g:', substr("CandidateGroups", 2), NULL FROM "WfTasks" WHERE "CandidateGroups" IS NOT NULL
                    UNION ALL
                    SELECT "TaskId", "InstanceId", "Prefix", substr("Rest", instr("Rest", ',') + 1), substr("Rest", 1, instr("Rest", ',') - 1)
                    FROM split WHERE "Rest" <> '' AND instr("Rest", ',') > 0
                )
                INSERT OR IGNORE INTO "WfTaskAudience" ("Principal", "TaskId", "InstanceId")
                SELECT "Prefix" || "Item", "TaskId", "InstanceId" FROM split WHERE "Item" IS NOT NULL AND "Item" <> ''
                UNION
                SELECT 'u:' || "Assignee", "Id", "InstanceId" FROM "WfTasks" WHERE "Assignee" IS NOT NULL;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "WfTaskAudience");
        }
    }
}
