using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Workflow.Web.Data.Migrations.Postgres
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
                    Principal = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    TaskId = table.Column<Guid>(type: "uuid", nullable: false),
                    InstanceId = table.Column<Guid>(type: "uuid", nullable: false)
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
                INSERT INTO "WfTaskAudience" ("Principal", "TaskId", "InstanceId")
                SELECT 'u:' || x, "Id", "InstanceId" FROM "WfTasks", unnest(string_to_array(trim(both ',' from "CandidateUsers"), ',')) AS x
                WHERE "CandidateUsers" IS NOT NULL AND x <> ''
                UNION
                SELECT 'g:' || x, "Id", "InstanceId" FROM "WfTasks", unnest(string_to_array(trim(both ',' from "CandidateGroups"), ',')) AS x
                WHERE "CandidateGroups" IS NOT NULL AND x <> ''
                UNION
                SELECT 'u:' || "Assignee", "Id", "InstanceId" FROM "WfTasks" WHERE "Assignee" IS NOT NULL
                ON CONFLICT DO NOTHING;
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
