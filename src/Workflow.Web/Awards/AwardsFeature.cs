using Workflow.Web.Data;
using Workflow.Web.Jobs;
using Workflow.Web.Processes;
using Workflow.Web.Ratings;

namespace Workflow.Web.Awards;

/// <summary>
/// Awards: award kinds as versioned data, the achievement record, award rounds and proposals to the province, certificates issued by a Hangfire job when a decision is published (and again after a
/// restart until done), drawn as PDF on request, verified publicly at /verify/{code}.
/// Pages: Pages/Awards (rounds, proposals, award decisions, records), Pages/Admin/AwardKinds, Pages/Verify, the certificates block of Pages/Decisions, Pages/Admin/Templates (the certificate layout).
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

        // The achievement record: every published Decision's levels, once committed (and at the next start if not).
        builder.Services.AddScoped<RecordRatings>();
        builder.Services.AddScoped<IHandles<DecisionPublished>>(sp => sp.GetRequiredService<RecordRatings>());
        builder.Services.AddScoped<IPendingWorkSource>(sp => sp.GetRequiredService<RecordRatings>());
        builder.Services.AddScoped<AchievementRecord>();

        // Award rounds and proposals to the province: driven by the product (workflows/award-round.bpmn, award-proposal.bpmn).
        builder.Services.AddProductProcess(new ProductProcess(AwardWorkflow.RoundProcessKey, AwardWorkflow.ReservedVariables,
            new HashSet<string> { AwardWorkflow.ProposalStep, AwardWorkflow.SelectionStep },
            key => key is { } k && k.StartsWith(AwardWorkflow.RoundBusinessKeyPrefix, StringComparison.Ordinal) ? $"/Awards/{k[AwardWorkflow.RoundBusinessKeyPrefix.Length..]}" : "/Awards"));
        builder.Services.AddProductProcess(new ProductProcess(AwardWorkflow.ProposalProcessKey, AwardWorkflow.ReservedVariables,
            new HashSet<string> { AwardWorkflow.ExamineStep, AwardWorkflow.UpperDecisionStep },
            key => key is { } k && k.StartsWith(AwardWorkflow.ProposalBusinessKeyPrefix, StringComparison.Ordinal) ? $"/Awards/Proposals/{k[AwardWorkflow.ProposalBusinessKeyPrefix.Length..]}" : "/Awards"));
        builder.Services.AddScoped<IInstanceSubjects, AwardInstanceSubjects>();
        builder.Services.AddScoped<AwardRoundSteps>();
        builder.Services.AddScoped<AwardRoundQueries>();
        builder.Services.AddScoped<OpenAwardRound>();
        builder.Services.AddScoped<NominateCandidate>();
        builder.Services.AddScoped<ProposeAwards>();
        builder.Services.AddScoped<SaveAwardSelection>();
        builder.Services.AddScoped<SelectAwards>();
        builder.Services.AddScoped<AwardProposals>();
        builder.Services.AddScoped<ExamineProposal>();
        builder.Services.AddScoped<DecideProposal>();
        builder.Services.AddScoped<SaveAwardKind>();
        builder.Services.AddScoped<AwardDecisionDocuments>();
        builder.Services.AddScoped<IssueAwardCertificates>();
        builder.Services.AddTopicHandler<IssueAwardCertificatesTopic>(AwardWorkflow.IssueTopic);

        // State emulation titles: the rules as parameters (appsettings.json "Emulation").
        builder.Services.AddSingleton(builder.Configuration.GetSection("Emulation").Get<EmulationOptions>() ?? new EmulationOptions());
        builder.Services.AddScoped<TitleRounds>();
    }

}
