using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Workflow.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AwardRounds : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Certificates_IssuerUnitId_Year_Serial",
                table: "Certificates");

            migrationBuilder.DropPrimaryKey(
                name: "PK_CertificateCounters",
                table: "CertificateCounters");

            migrationBuilder.DropIndex(
                name: "IX_AwardRules_Code",
                table: "AwardRules");

            migrationBuilder.AddColumn<string>(
                name: "SerialKind",
                table: "Certificates",
                type: "TEXT",
                maxLength: 20,
                nullable: false,
                defaultValue: "GK");

            migrationBuilder.AddColumn<string>(
                name: "SerialKind",
                table: "CertificateCounters",
                type: "TEXT",
                maxLength: 20,
                nullable: false,
                defaultValue: "GK");

            migrationBuilder.AddColumn<DateTime>(
                name: "CreatedAtUtc",
                table: "AwardRules",
                type: "TEXT",
                nullable: false,
                defaultValue: new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified));

            migrationBuilder.AddColumn<string>(
                name: "CreatedBy",
                table: "AwardRules",
                type: "TEXT",
                maxLength: 256,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Eligibility",
                table: "AwardRules",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "HeldCode",
                table: "AwardRules",
                type: "TEXT",
                maxLength: 50,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "IsCurrent",
                table: "AwardRules",
                type: "INTEGER",
                nullable: false,
                defaultValue: true);

            migrationBuilder.AddColumn<int>(
                name: "Issuer",
                table: "AwardRules",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "LimitCount",
                table: "AwardRules",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "LimitPercent",
                table: "AwardRules",
                type: "TEXT",
                precision: 5,
                scale: 2,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Name",
                table: "AwardRules",
                type: "TEXT",
                maxLength: 300,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<int>(
                name: "SortOrder",
                table: "AwardRules",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "Version",
                table: "AwardRules",
                type: "INTEGER",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<bool>(
                name: "WithRatingDecision",
                table: "AwardRules",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "Years",
                table: "AwardRules",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddPrimaryKey(
                name: "PK_CertificateCounters",
                table: "CertificateCounters",
                columns: new[] { "IssuerUnitId", "Year", "SerialKind" });

            migrationBuilder.CreateTable(
                name: "AwardCandidates",
                columns: table => new
                {
                    Id = table.Column<byte[]>(type: "BLOB", nullable: false),
                    RoundId = table.Column<byte[]>(type: "BLOB", nullable: false),
                    AwardRuleId = table.Column<byte[]>(type: "BLOB", nullable: false),
                    SubjectType = table.Column<int>(type: "INTEGER", nullable: false),
                    SubjectId = table.Column<byte[]>(type: "BLOB", nullable: false),
                    SubjectName = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    UnitId = table.Column<byte[]>(type: "BLOB", nullable: false),
                    UnitPath = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    UnitName = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Source = table.Column<int>(type: "INTEGER", nullable: false),
                    Basis = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    NominatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    Proposed = table.Column<bool>(type: "INTEGER", nullable: false),
                    ProposalReason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Selected = table.Column<bool>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AwardCandidates", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AwardDecisions",
                columns: table => new
                {
                    Id = table.Column<byte[]>(type: "BLOB", nullable: false),
                    RoundId = table.Column<byte[]>(type: "BLOB", nullable: false),
                    IssuerUnitId = table.Column<byte[]>(type: "BLOB", nullable: false),
                    Number = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    DecidedOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    SignerName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    SignerTitle = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    CertificatesIssuedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AwardDecisions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AwardGrants",
                columns: table => new
                {
                    Id = table.Column<byte[]>(type: "BLOB", nullable: false),
                    AwardDecisionId = table.Column<byte[]>(type: "BLOB", nullable: false),
                    AwardRuleId = table.Column<byte[]>(type: "BLOB", nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    Order = table.Column<int>(type: "INTEGER", nullable: false),
                    SubjectType = table.Column<int>(type: "INTEGER", nullable: false),
                    SubjectId = table.Column<byte[]>(type: "BLOB", nullable: false),
                    SubjectName = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    UnitId = table.Column<byte[]>(type: "BLOB", nullable: false),
                    UnitPath = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    UnitName = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AwardGrants", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AwardProposals",
                columns: table => new
                {
                    Id = table.Column<byte[]>(type: "BLOB", nullable: false),
                    FromRoundId = table.Column<byte[]>(type: "BLOB", nullable: false),
                    FromUnitId = table.Column<byte[]>(type: "BLOB", nullable: false),
                    FromUnitName = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    FromPath = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    FromDecisionId = table.Column<byte[]>(type: "BLOB", nullable: false),
                    FromDecisionNumber = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    ToUnitId = table.Column<byte[]>(type: "BLOB", nullable: false),
                    ToUnitName = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    ToPath = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    InstanceId = table.Column<byte[]>(type: "BLOB", nullable: true),
                    ReturnReason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    AwardDecisionId = table.Column<byte[]>(type: "BLOB", nullable: true),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AwardProposals", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AwardRounds",
                columns: table => new
                {
                    Id = table.Column<byte[]>(type: "BLOB", nullable: false),
                    IssuerUnitId = table.Column<byte[]>(type: "BLOB", nullable: false),
                    IssuerPath = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    IssuerName = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    InstanceId = table.Column<byte[]>(type: "BLOB", nullable: true),
                    ReturnReason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    DecisionId = table.Column<byte[]>(type: "BLOB", nullable: true),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    Version = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AwardRounds", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "YearRatings",
                columns: table => new
                {
                    Id = table.Column<byte[]>(type: "BLOB", nullable: false),
                    SubjectType = table.Column<int>(type: "INTEGER", nullable: false),
                    SubjectId = table.Column<byte[]>(type: "BLOB", nullable: false),
                    SubjectName = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    UnitId = table.Column<byte[]>(type: "BLOB", nullable: false),
                    UnitPath = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    Level = table.Column<int>(type: "INTEGER", nullable: false),
                    DecisionId = table.Column<byte[]>(type: "BLOB", nullable: true),
                    DecisionNumber = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Imported = table.Column<bool>(type: "INTEGER", nullable: false),
                    RecordedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_YearRatings", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Certificates_IssuerUnitId_Year_SerialKind_Serial",
                table: "Certificates",
                columns: new[] { "IssuerUnitId", "Year", "SerialKind", "Serial" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AwardRules_Code_Version",
                table: "AwardRules",
                columns: new[] { "Code", "Version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AwardCandidates_RoundId_AwardRuleId_SubjectType_SubjectId",
                table: "AwardCandidates",
                columns: new[] { "RoundId", "AwardRuleId", "SubjectType", "SubjectId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AwardDecisions_IssuerUnitId_Number",
                table: "AwardDecisions",
                columns: new[] { "IssuerUnitId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AwardDecisions_RoundId",
                table: "AwardDecisions",
                column: "RoundId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AwardGrants_AwardDecisionId_AwardRuleId_SubjectType_SubjectId",
                table: "AwardGrants",
                columns: new[] { "AwardDecisionId", "AwardRuleId", "SubjectType", "SubjectId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AwardGrants_SubjectType_SubjectId",
                table: "AwardGrants",
                columns: new[] { "SubjectType", "SubjectId" });

            migrationBuilder.CreateIndex(
                name: "IX_AwardProposals_FromRoundId",
                table: "AwardProposals",
                column: "FromRoundId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AwardProposals_ToUnitId_Year",
                table: "AwardProposals",
                columns: new[] { "ToUnitId", "Year" });

            migrationBuilder.CreateIndex(
                name: "IX_AwardRounds_IssuerUnitId_Year",
                table: "AwardRounds",
                columns: new[] { "IssuerUnitId", "Year" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_YearRatings_DecisionId",
                table: "YearRatings",
                column: "DecisionId");

            migrationBuilder.CreateIndex(
                name: "IX_YearRatings_SubjectType_SubjectId_Year",
                table: "YearRatings",
                columns: new[] { "SubjectType", "SubjectId", "Year" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_YearRatings_Year_Level_SubjectType",
                table: "YearRatings",
                columns: new[] { "Year", "Level", "SubjectType" });

        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AwardCandidates");

            migrationBuilder.DropTable(
                name: "AwardDecisions");

            migrationBuilder.DropTable(
                name: "AwardGrants");

            migrationBuilder.DropTable(
                name: "AwardProposals");

            migrationBuilder.DropTable(
                name: "AwardRounds");

            migrationBuilder.DropTable(
                name: "YearRatings");

            migrationBuilder.DropIndex(
                name: "IX_Certificates_IssuerUnitId_Year_SerialKind_Serial",
                table: "Certificates");

            migrationBuilder.DropPrimaryKey(
                name: "PK_CertificateCounters",
                table: "CertificateCounters");

            migrationBuilder.DropIndex(
                name: "IX_AwardRules_Code_Version",
                table: "AwardRules");

            migrationBuilder.DropColumn(
                name: "SerialKind",
                table: "Certificates");

            migrationBuilder.DropColumn(
                name: "SerialKind",
                table: "CertificateCounters");

            migrationBuilder.DropColumn(
                name: "CreatedAtUtc",
                table: "AwardRules");

            migrationBuilder.DropColumn(
                name: "CreatedBy",
                table: "AwardRules");

            migrationBuilder.DropColumn(
                name: "Eligibility",
                table: "AwardRules");

            migrationBuilder.DropColumn(
                name: "HeldCode",
                table: "AwardRules");

            migrationBuilder.DropColumn(
                name: "IsCurrent",
                table: "AwardRules");

            migrationBuilder.DropColumn(
                name: "Issuer",
                table: "AwardRules");

            migrationBuilder.DropColumn(
                name: "LimitCount",
                table: "AwardRules");

            migrationBuilder.DropColumn(
                name: "LimitPercent",
                table: "AwardRules");

            migrationBuilder.DropColumn(
                name: "Name",
                table: "AwardRules");

            migrationBuilder.DropColumn(
                name: "SortOrder",
                table: "AwardRules");

            migrationBuilder.DropColumn(
                name: "Version",
                table: "AwardRules");

            migrationBuilder.DropColumn(
                name: "WithRatingDecision",
                table: "AwardRules");

            migrationBuilder.DropColumn(
                name: "Years",
                table: "AwardRules");

            migrationBuilder.AddPrimaryKey(
                name: "PK_CertificateCounters",
                table: "CertificateCounters",
                columns: new[] { "IssuerUnitId", "Year" });

            migrationBuilder.CreateIndex(
                name: "IX_Certificates_IssuerUnitId_Year_Serial",
                table: "Certificates",
                columns: new[] { "IssuerUnitId", "Year", "Serial" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AwardRules_Code",
                table: "AwardRules",
                column: "Code",
                unique: true);
        }
    }
}
