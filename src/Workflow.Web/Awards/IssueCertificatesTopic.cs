using Workflow.Engine.Ports;
using Workflow.Engine.Runtime;

namespace Workflow.Web.Awards;

/// <summary>
/// The service task "issue-certificates" of workflows/rating-decision.bpmn, run in the host: issues the certificates
/// of the decision named by the instance's <c>decisionId</c> variable. Safe to run again (a retry after a failure, a
/// restart): what was issued stays, the rest is issued. Its result is the number issued, as a process variable.
/// </summary>
public sealed class IssueCertificatesTopic(IssueCertificates certificates) : ITopicHandler
{
    public const string Name = "issue-certificates";
    public const string ProcessKey = "rating-decision";

    public string Topic => Name;

    public async Task<IReadOnlyDictionary<string, TypedValue>?> HandleAsync(TopicContext context, CancellationToken ct)
    {
        if (!context.Variables.TryGetValue("decisionId", out var value) || !Guid.TryParse(value.ToObject()?.ToString(), out var decisionId))
        {
            throw new InvalidOperationException("Quy trình ban hành quyết định thiếu biến decisionId.");
        }

        var issued = await certificates.RunAsync(decisionId, ct);
        return new Dictionary<string, TypedValue> { ["certificatesIssued"] = TypedValue.Integer(issued) };
    }
}
