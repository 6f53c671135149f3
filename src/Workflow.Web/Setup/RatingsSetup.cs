using Hangfire;
using Microsoft.EntityFrameworkCore;
using Workflow.Web.Data;
using Workflow.Web.Jobs;
using Workflow.Web.Processes;
using Workflow.Web.Ratings;

namespace Workflow.Web.Setup;

/// <summary>The rating domain: rule sets, rounds, files, decisions, and its JSON API under /api.</summary>
public static class RatingsSetup
{
    public static void AddRatings(this WebApplicationBuilder builder)
    {
        // Enums travel by name ("Member", "Reprimand") in the API, as in the pages.
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()));
        builder.Services.AddOpenApi(RatingsApi.OpenApiDocument, o =>
        {
            o.ShouldInclude = d => d.RelativePath?.StartsWith("api/", StringComparison.Ordinal) == true;
            o.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = "api — đánh giá, xếp loại chất lượng";
                document.Info.Description = "Đợt đánh giá, hồ sơ, thẩm định, quyết định, thống kê. Xác thực bằng cookie đăng nhập; thao tác thay đổi cần header RequestVerificationToken.";
                return Task.CompletedTask;
            });
        });
        // The rating of one subject is driven by the product's commands only (FileService, DecisionService).
        builder.Services.AddProductProcess(new Processes.ProductProcess(RatingWorkflow.ProcessKey, RatingWorkflow.ReservedVariables,
            RatingWorkflow.KnownTasks, businessKey => $"/Files/{businessKey}"));
        builder.Services.AddScoped<IInstanceSubjects, RatingInstanceSubjects>();
        builder.Services.AddScoped<RoundService>();
        builder.Services.AddScoped<RoundOpeningJob>();
        builder.Services.AddScoped<FileService>();
        builder.Services.AddScoped<YearCaps>();
        builder.Services.AddScoped<DecisionService>();
        builder.Services.AddScoped<DecisionDocuments>();
        builder.Services.AddSingleton(builder.Configuration.GetSection("Evidence").Get<EvidenceOptions>() ?? new EvidenceOptions());
        builder.Services.AddScoped<EvidenceStore>();
        builder.Services.AddScoped<Templates.DocumentRenderer>();
        // A round whose opening was interrupted (restart) resumes: the job skips subjects that already have a file.
        builder.Services.AddScoped<IPendingWorkSource, RoundOpeningRecovery>();
    }

    /// <summary>The shipped rule sets, added once (an admin's later versions are left alone).</summary>
    public static async Task EnsureRuleSetsAsync(AppDbContext db, TimeProvider clock)
    {
        foreach (var (code, name, from, to, definition) in RuleSetSeeds.All)
        {
            if (!await db.RuleSets.AnyAsync(r => r.Code == code))
            {
                db.RuleSets.Add(new RuleSet
                {
                    Code = code, Name = name, Version = 1, FromYear = from, ToYear = to, Definition = definition.ToJson(),
                    CreatedAtUtc = clock.GetUtcNow().UtcDateTime, CreatedBy = RequestContext.SystemActor,
                });
            }
        }

        await db.SaveChangesAsync();
    }
}

public sealed class RoundOpeningRecovery(AppDbContext db, IBackgroundJobClient jobs) : IPendingWorkSource
{
    public string Name => "rating rounds being opened";

    public async Task<int> RecoverAsync(CancellationToken cancellationToken)
    {
        var ids = await db.Rounds.Where(r => r.Status == RoundStatus.Opening).Select(r => r.Id).ToListAsync(cancellationToken);
        foreach (var id in ids)
        {
            jobs.Enqueue<RoundOpeningJob>(job => job.RunAsync(id, CancellationToken.None));
        }

        return ids.Count;
    }
}
