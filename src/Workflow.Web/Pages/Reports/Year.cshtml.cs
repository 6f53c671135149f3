using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Workflow.Web.Data;
using Workflow.Web.Localization;
using Workflow.Web.Meetings;
using Workflow.Web.Org;
using Workflow.Web.Ratings;
using Workflow.Web.Reports;

namespace Workflow.Web.Pages.Reports;

/// <summary>A chart the page's script draws: labels, series (bars, or a line), percent axis, and a link per label.</summary>
public sealed record ChartSpec(IReadOnlyList<string> Labels, IReadOnlyList<ChartSeries> Datasets, bool Stacked = false, bool Percent = false, bool Horizontal = false, IReadOnlyList<string>? Links = null)
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull };

    public string Json() => JsonSerializer.Serialize(this, Options);
}

public sealed record ChartSeries(string Label, IReadOnlyList<decimal> Data, string? Color = null, bool? Line = null, bool? Dashed = null);

/// <summary>
/// A committee's year-end report: ratings per subject type with the seeds' sentences and five years of history, the
/// targets, awards and titles, branch-meeting quality, and the units below (sortable, below-target marked, each a
/// drill-down to its own report). Charts by Chart.js; downloads as .xlsx and .docx; the report text on its own A4 page.
/// </summary>
public sealed class YearModel(AppDbContext db, YearReports reports, IStringLocalizer<SharedResource> t, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public Guid? Unit { get; set; }
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }

    public IReadOnlyList<Unit> Committees { get; private set; } = [];
    public YearReport? Report { get; private set; }
    public Unit? Parent { get; private set; }
    public string? Refusal { get; private set; }

    public static readonly SubjectType[] UnitColumns = [SubjectType.GrassrootsOrganization, SubjectType.Member, SubjectType.CommitteeCollective];

    /// <summary>On a narrow screen the comparison keeps the organizations' and members' shares; the collectives' show from extra-large screens.</summary>
    public static string Narrow(SubjectType type) => type == SubjectType.CommitteeCollective ? "d-none d-xl-table-cell" : "";

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var actor = Actor.From(User);
        Year ??= VietnamTime.Today(clock).Year - 1;
        Committees = await db.Units.AsNoTracking()
            .Where(u => (u.Kind == UnitKind.Province || u.Kind == UnitKind.DirectCommittee || u.Kind == UnitKind.GrassrootsCommittee) && u.ValidTo == null)
            .OrderBy(u => u.Depth).ThenBy(u => u.SortOrder).Take(300).ToListAsync(ct);
        Unit ??= actor.UnitId is { } own && await db.Units.AnyAsync(u => u.Id == own, ct) ? own : Committees.Count > 0 ? Committees[0].Id : null;
        if (Unit is not { } unitId)
        {
            return Page();
        }

        try
        {
            Report = await reports.BuildAsync(unitId, Year.Value, actor, ct);
        }
        catch (DomainException ex) when (ex.Status == 404)
        {
            return NotFound();
        }
        catch (DomainException ex)
        {
            Refusal = this.Say(ex.Text);
            Response.StatusCode = ex.Status;
            return Page();
        }

        if (Report.ParentId is { } parentId)
        {
            Parent = await db.Units.AsNoTracking().FirstOrDefaultAsync(u => u.Id == parentId, ct);
        }

        return Page();
    }

    public CultureInfo Culture => CultureInfo.CurrentUICulture;

    public string Percent(decimal value) => Percentages.Text(value, Culture);

    public string Link(Guid unit) => $"/Reports/Year?unit={unit}&year={Year}";

    public string TypeName(SubjectType type) => t[RatingText.Name(type)];

    public string LevelName(RatingLevel level) => t[RatingText.Name(level)];

    /// <summary>Five years of one subject type: the share at each level, stacked to 100%.</summary>
    public ChartSpec History(SubjectType type)
    {
        var report = Report!;
        var years = report.Years;
        var points = years.Select(y => report.History.FirstOrDefault(h => h.Year == y && h.Counts.Type == type)?.Counts).ToList();
        decimal Share(LevelCounts? p, Func<LevelCounts, int> count) => p is { Total: > 0 } ? Percentages.Of(count(p), p.Total) : 0;
        return new ChartSpec(years.Select(y => y.ToString(CultureInfo.InvariantCulture)).ToList(),
        [
            new(LevelName(RatingLevel.Excellent), points.Select(p => Share(p, l => l.Excellent)).ToList()),
            new(LevelName(RatingLevel.Good), points.Select(p => Share(p, l => l.Good)).ToList()),
            new(LevelName(RatingLevel.Complete), points.Select(p => Share(p, l => l.Complete)).ToList()),
            new(LevelName(RatingLevel.NotComplete), points.Select(p => Share(p, l => l.NotComplete)).ToList()),
        ], Stacked: true, Percent: true);
    }

    /// <summary>Each target: the actual share against the planned one.</summary>
    public ChartSpec Targets() => new(Report!.Targets.Results.Select(r => (string)t[TargetRules.MetricName(r.Target.Metric)]).ToList(),
    [
        new(t["Thực hiện"], Report.Targets.Results.Select(r => r.Actual).ToList(), "#14532d"),
        new(t["Kế hoạch"], Report.Targets.Results.Select(r => r.Target.Value).ToList(), "#9ca3af"),
    ], Percent: true, Horizontal: true);

    /// <summary>Awards per kind: collectives and individuals.</summary>
    public ChartSpec Awards() => new(Report!.Awards.Select(a => a.Name).ToList(),
    [
        new(t["Tập thể"], Report.Awards.Select(a => (decimal)a.Collectives).ToList(), "#1d4ed8"),
        new(t["Cá nhân"], Report.Awards.Select(a => (decimal)a.Individuals).ToList(), "#e0b43a"),
    ], Horizontal: true);

    /// <summary>Branch-meeting quality per quarter: the share at each level, stacked.</summary>
    public ChartSpec Meetings()
    {
        var quarters = Report!.MeetingQuarters;
        return new ChartSpec(quarters.Select(q => (string)t["Quý {0}", q.Quarter ?? 0]).ToList(),
            Enum.GetValues<MeetingLevel>().Select((level, i) => new ChartSeries(t[MeetingText.Name(level)],
                quarters.Select(q => q.Levels.FirstOrDefault(l => l.Level == level).Percent).ToList())).ToList(), Stacked: true, Percent: true);
    }

    /// <summary>The units below: members and organizations at HTTNV or above, each bar a link to the unit's report.</summary>
    public ChartSpec Units()
    {
        var units = Report!.Units.Where(u => u.Levels.Count > 0).ToList();
        decimal Share(UnitShares u, SubjectType type) => u.Of(type) is { Total: > 0 } l ? Percentages.Of(l.GoodOrBetter, l.Total) : 0;
        return new ChartSpec(units.Select(u => u.Name).ToList(),
        [
            new(t["Đảng viên HTTNV trở lên (%)"], units.Select(u => Share(u, SubjectType.Member)).ToList(), "#14532d"),
            new(t["TCCS đảng HTTNV trở lên (%)"], units.Select(u => Share(u, SubjectType.GrassrootsOrganization)).ToList(), "#4d9a5b"),
        ], Percent: true, Horizontal: true, Links: units.Select(u => Link(u.UnitId)).ToList());
    }
}
