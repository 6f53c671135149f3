using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Scriban.Runtime;
using Workflow.Web.Awards;
using Workflow.Web.Data;
using Workflow.Web.Localization;
using Workflow.Web.Ratings;
using Workflow.Web.Templates;

namespace Workflow.Web.Reports;

/// <summary>
/// The year-end report as a document: the report's figures and sentences as the model of the admin-editable
/// "year-report" template (sandboxed like the others), rendered into the line markup, then to the page, A4 print or .docx.
/// </summary>
public sealed class ReportDocuments(AppDbContext db, DocumentRenderer renderer, IConfiguration configuration, TimeProvider clock)
{
    private static readonly CultureInfo Vietnamese = CultureInfo.GetCultureInfo("vi-VN");

    public const string Variables = "unit, parent, year, date_line, signer_title, ratings (order, title, sentence, total, levels (name, count, percent)), "
        + "targets_summary, targets (line, met), award_sentences, proposal, titles, meetings, meeting_quarters, "
        + "units (name, organizations_good, members_good, members_excellent, below)";

    public async Task<List<DocumentMarkup.Block>> RenderAsync(YearReport report, CancellationToken ct)
    {
        var parent = report.ParentId is { } p ? await db.Units.IgnoreQueryFilters().AsNoTracking().Where(u => u.Id == p).Select(u => u.Name).FirstOrDefaultAsync(ct) : null;
        var today = VietnamTime.Today(clock);
        var model = Model(report, parent ?? "", DecisionDocument.DateLine(DecisionDocuments.PlaceOf(report.UnitName, configuration), today));
        var text = DocumentRenderer.Render(await renderer.TemplateTextAsync(DefaultTemplates.YearReport, ct), model);
        return DocumentMarkup.Parse(text);
    }

    /// <summary>The template's model: every value a cell can hold (no column bar, no line break).</summary>
    public static ScriptObject Model(YearReport report, string parent, string dateLine)
    {
        string Percent(decimal value) => Percentages.Text(value, Vietnamese);
        string Share(UnitShares unit, SubjectType type, bool excellent) => unit.Of(type) is { Total: > 0 } l
            ? Percent(Percentages.Of(excellent ? l.Excellent : l.GoodOrBetter, l.Total)) : "–";
        var awardSentences = report.Awards.Where(a => a.ByThisCommittee).GroupBy(a => a.Title)
            .Select(g => AwardSentences.Sentence(report.UnitName, Certificate.NameOf(g.Key), g.Select(a => new AwardTally(a.Reason, a.Collectives, a.Individuals))))
            .Concat(report.Awards.Where(a => !a.ByThisCommittee).GroupBy(a => (a.IssuerName, a.Title))
                .Select(g => AwardSentences.Sentence(g.Key.IssuerName, Certificate.NameOf(g.Key.Title), g.Select(a => new AwardTally(a.Reason, a.Collectives, a.Individuals)))))
            .Where(s => s.Length > 0).ToList();
        var titles = EmulationTitleRules.Sentence(report.Titles.AdvancedCollectives, report.Titles.ExcellentCollectives, report.Titles.AdvancedWorkers, report.Titles.Fighters);
        var model = new ScriptObject
        {
            ["unit"] = report.UnitName,
            ["parent"] = parent,
            ["year"] = report.Year,
            ["date_line"] = dateLine,
            ["signer_title"] = $"T/M Ban Thường vụ {report.UnitName}",
            ["ratings"] = report.Ratings.Select((r, i) => new ScriptObject
            {
                ["order"] = i + 1,
                ["title"] = RatingText.Plural(r.SubjectType) is var plural ? char.ToUpper(plural[0], Vietnamese) + plural[1..] : "",
                ["sentence"] = r.Sentence(),
                ["total"] = r.Total,
                ["levels"] = r.Levels.Select(l => new ScriptObject { ["name"] = RatingText.Name(l.Level), ["count"] = l.Count, ["percent"] = Percent(l.Percent) }).ToList(),
            }).ToList(),
            ["targets_summary"] = report.Targets.Summary,
            ["targets"] = report.Targets.Results.Select(t => new ScriptObject { ["line"] = TargetRules.Line(t), ["met"] = t.Met }).ToList(),
            ["award_sentences"] = awardSentences,
            ["proposal"] = AwardSentences.Proposal(report.ProposedTo, "Bằng khen", report.ProposedCollectives, report.ProposedIndividuals),
            ["titles"] = titles,
            ["meetings"] = report.Meetings.Sentence(),
            ["meeting_quarters"] = report.MeetingQuarters.Where(q => q.Total > 0).Select(q => q.Sentence()).ToList(),
            ["units"] = report.Units.Select(u => new ScriptObject
            {
                ["name"] = DocumentMarkup.Cell(u.Name),
                ["organizations_good"] = Share(u, SubjectType.GrassrootsOrganization, false),
                ["members_good"] = Share(u, SubjectType.Member, false),
                ["members_excellent"] = Share(u, SubjectType.Member, true),
                ["below"] = string.Join("; ", u.BelowTarget.Select(TargetRules.MetricName)),
            }).ToList(),
        };
        foreach (var key in model.Keys.ToList())
        {
            if (model[key] is string s)
            {
                model[key] = DocumentMarkup.Cell(s);
            }
        }

        return model;
    }

    /// <summary>The sample the template editor previews: seed 004's figures (Bình Giang, 2022).</summary>
    public static ScriptObject SampleModel()
    {
        var counts = new LevelCounts(SubjectType.GrassrootsOrganization, 38, 7, 26, 5, 0);
        var target = new Target { UnitId = Guid.Empty, UnitPath = "", Metric = TargetMetric.OrganizationsGoodOrBetter, Value = 80, FromYear = 2022, ToYear = 2022 };
        var result = TargetRules.Evaluate(target, new Dictionary<SubjectType, LevelCounts> { [SubjectType.GrassrootsOrganization] = counts });
        var report = new YearReport(Guid.Empty, "Huyện ủy Bình Giang", Org.UnitKind.DirectCommittee, null, 2022, [counts.Statistics()], [],
            [new AwardCount("TCCS", "Giấy khen xây dựng tổ chức cơ sở đảng", "GIẤY KHEN", "Có thành tích tiêu biểu trong phong trào thi đua xây dựng tổ chức cơ sở đảng năm 2022", "Huyện ủy Bình Giang", true, 11, 7)],
            1, 1, "Tỉnh ủy", new TitleCounts(39, 8, 0, 30),
            new Meetings.MeetingStatistics(2022, null, 0, [], 0), [], new TargetEvaluation(Guid.Empty, 2022, [result], TargetRules.Summary([result])), []);
        return Model(report, "Tỉnh ủy Hải Dương", "Bình Giang, ngày 10 tháng 01 năm 2023");
    }
}
