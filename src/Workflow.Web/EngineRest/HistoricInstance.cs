using System.Linq.Expressions;
using Workflow.Engine.Runtime;
using Workflow.Web.Processes;

namespace Workflow.Web.EngineRest;

/// <summary>Camunda's HistoricProcessInstanceDto from an instance row: the columns read and the JSON written.</summary>
public static class HistoricInstance
{
    public sealed record Row(Guid Id, string? BusinessKey, string DefinitionId, string DefinitionKey, int DefinitionVersion, DateTime StartedAtUtc,
        DateTime? EndedAtUtc, string? StartedBy, int Status, Guid? ParentInstanceId);

    public static readonly Expression<Func<WfInstance, Row>> Columns = i =>
        new Row(i.Id, i.BusinessKey, i.DefinitionId, i.DefinitionKey, i.DefinitionVersion, i.StartedAtUtc, i.EndedAtUtc, i.StartedBy, i.Status, i.ParentInstanceId);

    public static object Render(Row i) => new
    {
        id = i.Id.ToString(),
        businessKey = i.BusinessKey,
        processDefinitionId = i.DefinitionId,
        processDefinitionKey = i.DefinitionKey,
        processDefinitionName = (string?)null,
        processDefinitionVersion = i.DefinitionVersion,
        startTime = RestJson.Date(i.StartedAtUtc),
        endTime = RestJson.Date(i.EndedAtUtc),
        removalTime = (string?)null,
        durationInMillis = i.EndedAtUtc is { } end ? (long?)(end - i.StartedAtUtc).TotalMilliseconds : null,
        startUserId = i.StartedBy,
        startActivityId = (string?)null,
        deleteReason = (InstanceStatus)i.Status is InstanceStatus.Cancelled ? "cancelled" : null,
        rootProcessInstanceId = (i.ParentInstanceId ?? i.Id).ToString(),
        superProcessInstanceId = i.ParentInstanceId?.ToString(),
        superCaseInstanceId = (string?)null,
        caseInstanceId = (string?)null,
        tenantId = (string?)null,
        state = (InstanceStatus)i.Status switch
        {
            InstanceStatus.Active => "ACTIVE",
            InstanceStatus.Completed => "COMPLETED",
            InstanceStatus.Terminated => "INTERNALLY_TERMINATED",
            _ => "EXTERNALLY_TERMINATED",
        },
    };
}
