using Microsoft.EntityFrameworkCore;
using Workflow.Engine.Runtime;
using Workflow.Web.Data;
using Workflow.Web.Jobs;
using Workflow.Web.Processes;
using Workflow.Web.Ratings;

namespace Workflow.Web.Awards;

/// <summary>
/// A published decision starts its own process (workflows/rating-decision.bpmn), whose service task issues the
/// certificates in the background. Started once the decision is committed; a decision whose process did not start
/// (the host stopped in between) is found at the next start and started then. One process per decision (its business
/// key), so neither path starts a second.
/// </summary>
public sealed class DecisionPublication(AppDbContext db, WorkflowEngine engine) : IHandles<DecisionPublished>, IPendingWorkSource
{
    public const string BusinessKeyPrefix = "decision:";

    public string Name => "published decisions without their publication process";

    public Task HandleAsync(DecisionPublished domainEvent, CancellationToken ct) =>
        StartAsync(domainEvent.DecisionId, domainEvent.Number, domainEvent.Actor, ct);

    public async Task<int> RecoverAsync(CancellationToken cancellationToken)
    {
        var waiting = await db.Decisions.IgnoreQueryFilters().AsNoTracking().Where(d => d.CertificatesIssuedAtUtc == null)
            .Select(d => new { d.Id, d.Number, d.CreatedBy }).ToListAsync(cancellationToken);
        var started = 0;
        foreach (var decision in waiting)
        {
            started += await StartAsync(decision.Id, decision.Number, decision.CreatedBy ?? RequestContext.SystemActor, cancellationToken) ? 1 : 0;
        }

        return started;
    }

    private async Task<bool> StartAsync(Guid decisionId, string number, string actor, CancellationToken ct)
    {
        var businessKey = BusinessKeyPrefix + decisionId;
        if (await db.WfInstances.AnyAsync(i => i.BusinessKey == businessKey, ct))
        {
            return false;
        }

        await engine.StartByKeyAsync(IssueCertificatesTopic.ProcessKey, new Dictionary<string, TypedValue>
        {
            ["decisionId"] = TypedValue.String(decisionId.ToString()),
            ["decisionNumber"] = TypedValue.String(number),
        }, businessKey: businessKey, actor: actor, ct: ct);
        return true;
    }
}
