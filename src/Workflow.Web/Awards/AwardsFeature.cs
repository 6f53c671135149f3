using Workflow.Web.Data;
using Workflow.Web.Jobs;
using Workflow.Web.Processes;
using Workflow.Web.Ratings;

namespace Workflow.Web.Awards;

/// <summary>
/// Awards: rules as data, certificates issued by a Hangfire job when a decision is published (and again after a
/// restart until done), drawn as PDF on request, verified publicly at /verify/{code}.
/// Pages: Pages/Verify, the certificates block of Pages/Decisions, Pages/Admin/Templates (the certificate layout).
/// </summary>
public static class AwardsFeature
{
    public static void AddAwards(this WebApplicationBuilder builder)
    {
        // A decision's publication (certificates) is driven by the product: its variables are the product's alone.
        builder.Services.AddProductProcess(new ProductProcess(IssueCertificatesTopic.ProcessKey, new HashSet<string> { "decisionId", "decisionNumber", "certificatesIssued" },
            new HashSet<string>(), businessKey => businessKey is { } key && key.StartsWith("decision:", StringComparison.Ordinal) ? $"/Decisions/{key[9..]}" : "/Rounds"));
        builder.Services.AddScoped<IssueCertificates>();
        builder.Services.AddScoped<CertificateQueries>();
        builder.Services.AddScoped<CertificateRevocation>();
        builder.Services.AddScoped<CertificateTemplates>();
        builder.Services.AddSingleton<CertificateLayoutCache>();
        builder.Services.AddSingleton<CertificatePdf>();
        // Issued by the service task of workflows/rating-decision.bpmn (retries, incidents and restarts are the engine's).
        builder.Services.AddTopicHandler<IssueCertificatesTopic>(IssueCertificatesTopic.Name);
        // A published decision starts its publication once committed; one that did not (a restart in between) at the next start.
        builder.Services.AddScoped<DecisionPublication>();
        builder.Services.AddScoped<IHandles<DecisionPublished>>(sp => sp.GetRequiredService<DecisionPublication>());
        builder.Services.AddScoped<IPendingWorkSource>(sp => sp.GetRequiredService<DecisionPublication>());
        builder.Services.AddScoped<IReferenceData, DefaultAwardRule>();
    }

}
