using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Workflow.Web.Data.Migrations.Postgres
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

            migrationBuilder.AddColumn<Guid>(
                name: "OpeningClaim",
                table: "Rounds",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "OpeningLeaseUntilUtc",
                table: "Rounds",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "DataProtectionKeys",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    FriendlyName = table.Column<string>(type: "text", nullable: true),
                    Xml = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DataProtectionKeys", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "EvidenceContents",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Bytes = table.Column<byte[]>(type: "bytea", nullable: false)
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
