using Workflow.Engine.Ports;
using Workflow.Engine.Runtime;

namespace Workflow.Web.Awards;

/// <summary>
/// The service task "issue-award-certificates" of workflows/award-round.bpmn and workflows/award-proposal.bpmn, run in
/// the host: issues the certificates of the award decision named by <c>awardDecisionId</c>. Safe to run again.
/// </summary>
public sealed class IssueAwardCertificatesTopic(IssueAwardCertificates certificates) : ITopicHandler
{
    public string Topic => AwardWorkflow.IssueTopic;

    public async Task<IReadOnlyDictionary<string, TypedValue>?> HandleAsync(TopicContext context, CancellationToken ct)
    {
        if (!context.Variables.TryGetValue("awardDecisionId", out var value) || !Guid.TryParse(value.ToObject()?.ToString(), out var decisionId))
        {
            throw new InvalidOperationException("Quy trình khen thưởng thiếu biến awardDecisionId.");
        }

        var issued = await certificates.RunAsync(decisionId, ct);
        return new Dictionary<string, TypedValue> { ["certificatesIssued"] = TypedValue.Integer(issued) };
    }
}
