using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Workflow.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class StartTimers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "WfStartTimers",
                columns: table => new
                {
                    Id = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    DefinitionId = table.Column<string>(type: "text", nullable: false),
                    DefinitionKey = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ElementId = table.Column<string>(type: "text", nullable: false),
                    DueAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Occurrence = table.Column<int>(type: "integer", nullable: false),
                    IsCycle = table.Column<bool>(type: "boolean", nullable: false),
                    RemainingRepetitions = table.Column<int>(type: "integer", nullable: true),
                    PeriodSeconds = table.Column<double>(type: "double precision", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WfStartTimers", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_WfStartTimers_DefinitionKey",
                table: "WfStartTimers",
                column: "DefinitionKey");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "WfStartTimers");
        }
    }
}
