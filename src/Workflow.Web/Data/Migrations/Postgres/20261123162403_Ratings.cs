using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Workflow.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Ratings : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "DecisionItems",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    DecisionId = table.Column<Guid>(type: "uuid", nullable: false),
                    FileId = table.Column<Guid>(type: "uuid", nullable: false),
                    Order = table.Column<int>(type: "integer", nullable: false),
                    Level = table.Column<int>(type: "integer", nullable: false),
                    Reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DecisionItems", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Decisions",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    RoundId = table.Column<Guid>(type: "uuid", nullable: false),
                    DecidingUnitId = table.Column<Guid>(type: "uuid", nullable: false),
                    SubjectType = table.Column<int>(type: "integer", nullable: false),
                    Number = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    DecidedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    SignerName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    SignerTitle = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    AmendsDecisionId = table.Column<Guid>(type: "uuid", nullable: true),
                    OverQuotaReason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    MaxExcellent = table.Column<int>(type: "integer", nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Decisions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Disciplines",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    MemberId = table.Column<Guid>(type: "uuid", nullable: true),
                    UnitId = table.Column<Guid>(type: "uuid", nullable: false),
                    UnitPath = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Form = table.Column<int>(type: "integer", nullable: false),
                    DecidedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    SelfRemedied = table.Column<bool>(type: "boolean", nullable: false),
                    IsLeader = table.Column<bool>(type: "boolean", nullable: false),
                    Note = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    RecordedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    RecordedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Disciplines", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "FileEvents",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    FileId = table.Column<Guid>(type: "uuid", nullable: false),
                    AtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Actor = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    ActorName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    Level = table.Column<int>(type: "integer", nullable: true),
                    Text = table.Column<string>(type: "text", nullable: true),
                    Snapshot = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FileEvents", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "RuleSets",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Code = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    Name = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    FromYear = table.Column<int>(type: "integer", nullable: false),
                    ToYear = table.Column<int>(type: "integer", nullable: true),
                    Definition = table.Column<string>(type: "text", nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RuleSets", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Rounds",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    RuleSetId = table.Column<Guid>(type: "uuid", nullable: false),
                    DecidingUnitId = table.Column<Guid>(type: "uuid", nullable: false),
                    DecidingUnitPath = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    SubjectTypes = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    SelfAssessmentDueUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ReviewDueUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    DecisionDueUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ComplaintDays = table.Column<int>(type: "integer", nullable: false),
                    DefinitionKey = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    SubjectCount = table.Column<int>(type: "integer", nullable: false),
                    OpenedCount = table.Column<int>(type: "integer", nullable: false),
                    Error = table.Column<string>(type: "text", nullable: true),
                    CreatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Rounds", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Rounds_RuleSets_RuleSetId",
                        column: x => x.RuleSetId,
                        principalTable: "RuleSets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Files",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    RoundId = table.Column<Guid>(type: "uuid", nullable: false),
                    SubjectType = table.Column<int>(type: "integer", nullable: false),
                    SubjectUnitId = table.Column<Guid>(type: "uuid", nullable: false),
                    MemberId = table.Column<Guid>(type: "uuid", nullable: true),
                    SubjectName = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    SearchName = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    UnitPath = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    DecidingUnitId = table.Column<Guid>(type: "uuid", nullable: false),
                    MemberKind = table.Column<int>(type: "integer", nullable: false),
                    FormCode = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    InstanceId = table.Column<Guid>(type: "uuid", nullable: true),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    Content = table.Column<string>(type: "text", nullable: true),
                    SelfLevel = table.Column<int>(type: "integer", nullable: true),
                    SuggestedLevel = table.Column<int>(type: "integer", nullable: true),
                    Points = table.Column<decimal>(type: "numeric(6,2)", precision: 6, scale: 2, nullable: true),
                    ProposedLevel = table.Column<int>(type: "integer", nullable: true),
                    ProposalReason = table.Column<string>(type: "text", nullable: true),
                    InspectionOpinion = table.Column<string>(type: "text", nullable: true),
                    Degradation = table.Column<bool>(type: "boolean", nullable: false),
                    CapFacts = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    CapLevel = table.Column<int>(type: "integer", nullable: true),
                    DecidedLevel = table.Column<int>(type: "integer", nullable: true),
                    DecisionReason = table.Column<string>(type: "text", nullable: true),
                    DecisionId = table.Column<Guid>(type: "uuid", nullable: true),
                    SubmittedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    DecidedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Files", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Files_Rounds_RoundId",
                        column: x => x.RoundId,
                        principalTable: "Rounds",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_DecisionItems_DecisionId_Order",
                table: "DecisionItems",
                columns: new[] { "DecisionId", "Order" });

            migrationBuilder.CreateIndex(
                name: "IX_DecisionItems_FileId",
                table: "DecisionItems",
                column: "FileId");

            migrationBuilder.CreateIndex(
                name: "IX_Decisions_DecidingUnitId_Number",
                table: "Decisions",
                columns: new[] { "DecidingUnitId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Decisions_RoundId",
                table: "Decisions",
                column: "RoundId");

            migrationBuilder.CreateIndex(
                name: "IX_Disciplines_MemberId",
                table: "Disciplines",
                column: "MemberId");

            migrationBuilder.CreateIndex(
                name: "IX_Disciplines_Year_UnitPath",
                table: "Disciplines",
                columns: new[] { "Year", "UnitPath" });

            migrationBuilder.CreateIndex(
                name: "IX_FileEvents_FileId_AtUtc",
                table: "FileEvents",
                columns: new[] { "FileId", "AtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_Files_InstanceId",
                table: "Files",
                column: "InstanceId");

            migrationBuilder.CreateIndex(
                name: "IX_Files_MemberId",
                table: "Files",
                column: "MemberId");

            migrationBuilder.CreateIndex(
                name: "IX_Files_RoundId_DecidingUnitId_SubjectType_Status",
                table: "Files",
                columns: new[] { "RoundId", "DecidingUnitId", "SubjectType", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Files_RoundId_SubjectUnitId",
                table: "Files",
                columns: new[] { "RoundId", "SubjectUnitId" });

            migrationBuilder.CreateIndex(
                name: "IX_Rounds_RuleSetId",
                table: "Rounds",
                column: "RuleSetId");

            migrationBuilder.CreateIndex(
                name: "IX_Rounds_Year_DecidingUnitId",
                table: "Rounds",
                columns: new[] { "Year", "DecidingUnitId" });

            migrationBuilder.CreateIndex(
                name: "IX_RuleSets_Code_Version",
                table: "RuleSets",
                columns: new[] { "Code", "Version" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DecisionItems");

            migrationBuilder.DropTable(
                name: "Decisions");

            migrationBuilder.DropTable(
                name: "Disciplines");

            migrationBuilder.DropTable(
                name: "FileEvents");

            migrationBuilder.DropTable(
                name: "Files");

            migrationBuilder.DropTable(
                name: "Rounds");

            migrationBuilder.DropTable(
                name: "RuleSets");
        }
    }
}
