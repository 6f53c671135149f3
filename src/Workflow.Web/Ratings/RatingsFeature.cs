using Workflow.Web.Data;
using Workflow.Web.Jobs;
using Workflow.Web.Processes;

namespace Workflow.Web.Ratings;

/// <summary>
/// The rating domain: rule sets, rounds, files, decisions, and its JSON API under /api.
/// Pages: Pages/Rounds, Pages/Files, Pages/Decisions, Pages/Admin/RuleSets.
/// </summary>
public static class RatingsFeature
{
    public static void AddRatings(this WebApplicationBuilder builder)
    {
        // Enums travel by name ("Member", "Reprimand") in the API, as in the pages.
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()));
        builder.Services.AddOpenApi(RatingsEndpoints.OpenApiDocument, o =>
        {
            o.ShouldInclude = d => d.RelativePath?.StartsWith("api/", StringComparison.Ordinal) == true;
            o.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = "api — đánh giá, xếp loại chất lượng";
                document.Info.Description = "Đợt đánh giá, hồ sơ, thẩm định, quyết định, thống kê. Xác thực bằng cookie đăng nhập; thao tác thay đổi cần header RequestVerificationToken.";
                return Task.CompletedTask;
            });
        });
        // The rating of one subject is driven by the product's commands only (the handlers below).
        builder.Services.AddProductProcess(new Processes.ProductProcess(RatingWorkflow.ProcessKey, RatingWorkflow.ReservedVariables,
            RatingWorkflow.KnownTasks, businessKey => $"/Files/{businessKey}"));
        builder.Services.AddScoped<IInstanceSubjects, RatingInstanceSubjects>();
        builder.Services.AddScoped<OpenRound>();
        builder.Services.AddScoped<RoundOpeningJob>();
        builder.Services.AddScoped<FileSteps>();
        builder.Services.AddScoped<ReadFile>();
        builder.Services.AddScoped<SaveSelfAssessment>();
        builder.Services.AddScoped<ReviewFile>();
        builder.Services.AddScoped<GiveInspectionOpinion>();
        builder.Services.AddScoped<CompleteWorkflowStep>();
        builder.Services.AddScoped<FileComplaint>();
        builder.Services.AddScoped<ReverifyFile>();
        builder.Services.AddScoped<YearCaps>();
        builder.Services.AddScoped<DecisionOrder>();
        builder.Services.AddScoped<ReadBoard>();
        builder.Services.AddScoped<FinalizeGroup>();
        builder.Services.AddScoped<Redecide>();
        builder.Services.AddScoped<RoundStatistics>();
        builder.Services.AddScoped<DecisionDocuments>();
        builder.Services.AddSingleton(builder.Configuration.GetSection("Evidence").Get<EvidenceOptions>() ?? new EvidenceOptions());
        builder.Services.AddScoped<EvidenceStore>();
        builder.Services.AddScoped<Templates.DocumentRenderer>();
        // A round whose opening was interrupted (restart) resumes: the job skips subjects that already have a file.
        builder.Services.AddScoped<IPendingWorkSource, RoundOpeningRecovery>();
        builder.Services.AddScoped<IReferenceData, ShippedRuleSets>();
    }

}
