using Workflow.Web.Templates;

namespace Workflow.Web.Reports;

/// <summary>
/// Year-end reporting from the data: a committee's targets (chỉ tiêu) and how the year's figures stand against them.
/// Pages: Pages/Reports. API: /api/targets.
/// </summary>
public static class ReportsFeature
{
    public const string DocxType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    /// <summary>The report as the API answers it: figures, shares and the sentences.</summary>
    public static object Json(YearReport r) => new
    {
        r.UnitId, r.UnitName, r.Year,
        ratings = r.Ratings.Select(s => new
        {
            s.SubjectType, s.Total, sentence = s.Sentence(), levels = s.Levels.Select(l => new { l.Level, l.Count, l.Percent }),
        }),
        history = r.History,
        awards = r.Awards,
        proposed = new { collectives = r.ProposedCollectives, individuals = r.ProposedIndividuals, to = r.ProposedTo },
        titles = r.Titles,
        meetings = new { year = Meeting(r.Meetings), quarters = r.MeetingQuarters.Select(Meeting) },
        targets = new { r.Targets.Summary, lines = r.Targets.Results.Select(t => new { t.Target.Metric, t.Target.Comparison, t.Target.Value, t.Count, t.Total, t.Actual, t.Met, line = TargetRules.Line(t) }) },
        units = r.Units.Select(u => new { u.UnitId, u.Name, u.Kind, u.HasChildren, levels = u.Levels.Values, u.BelowTarget }),
    };

    private static object Meeting(Meetings.MeetingStatistics m) => new { m.Year, m.Quarter, m.Total, m.Pending, levels = m.Levels.Select(l => new { l.Level, l.Count, l.Percent }), sentence = m.Sentence() };

    public static void AddReports(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<Targets>();
        builder.Services.AddScoped<YearReports>();
        builder.Services.AddScoped<YearTallies>();
        builder.Services.AddScoped<ReportDocuments>();
    }

    public static void MapReports(this WebApplication app)
    {
        var api = app.MapGroup("/api").RequireAuthorization().AddEndpointFilter(ApiAntiforgery.RequireForChanges).WithTags("Báo cáo");
        api.MapGet("/targets", async (Targets targets, Guid unitId, int year, CancellationToken ct) =>
        {
            var evaluation = await targets.EvaluateAsync(unitId, year, ct);
            return new
            {
                evaluation.UnitId, evaluation.Year, evaluation.Summary,
                targets = evaluation.Results.Select(r => new
                {
                    r.Target.Id, r.Target.Metric, r.Target.Comparison, r.Target.Value, r.Target.FromYear, r.Target.ToYear, r.Target.Source,
                    r.Count, r.Total, r.Actual, r.Met, line = TargetRules.Line(r),
                }),
            };
        });
        api.MapGet("/reports/year", async (YearReports reports, HttpContext http, Guid unitId, int year, CancellationToken ct) =>
            Json(await reports.BuildAsync(unitId, year, Actor.From(http.User), ct)));
        api.MapGet("/reports/year.xlsx", async (YearReports reports, HttpContext http, Guid unitId, int year, CancellationToken ct) =>
        {
            var report = await reports.BuildAsync(unitId, year, Actor.From(http.User), ct);
            return await Spreadsheets.FileAsync(ReportWorkbook.Sheets(report), $"Báo cáo tổng kết năm {year} - {report.UnitName}", ct);
        });
        api.MapGet("/reports/year.docx", async (YearReports reports, ReportDocuments documents, HttpContext http, Guid unitId, int year, CancellationToken ct) =>
        {
            var report = await reports.BuildAsync(unitId, year, Actor.From(http.User), ct);
            try
            {
                return Results.File(DocumentMarkup.ToDocx(await documents.RenderAsync(report, ct)), DocxType, FileNames.Safe($"Báo cáo tổng kết năm {year} - {report.UnitName}") + ".docx");
            }
            catch (TemplateException ex)
            {
                throw DomainException.Invalid($"Không tạo được văn bản từ mẫu hiện hành: {ex.Message} Quản trị viên sửa mẫu tại Quản trị → Mẫu văn bản.", []);
            }
        });
        api.MapPost("/targets", async (Targets targets, HttpContext http, TargetRequest body, CancellationToken ct) =>
        {
            var target = await targets.AddAsync(body, Actor.From(http.User), ct);
            return Results.Created($"/api/targets/{target.Id}", new { target.Id, target.Metric, target.Comparison, target.Value, target.FromYear, target.ToYear, target.Source });
        });
        api.MapDelete("/targets/{id:guid}", async (Targets targets, HttpContext http, Guid id, CancellationToken ct) =>
        {
            await targets.RemoveAsync(id, Actor.From(http.User), ct);
            return Results.NoContent();
        });
    }
}
