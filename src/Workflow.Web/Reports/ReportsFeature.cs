namespace Workflow.Web.Reports;

/// <summary>
/// Year-end reporting from the data: a committee's targets (chỉ tiêu) and how the year's figures stand against them.
/// Pages: Pages/Reports. API: /api/targets.
/// </summary>
public static class ReportsFeature
{
    public static void AddReports(this WebApplicationBuilder builder) => builder.Services.AddScoped<Targets>();

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
