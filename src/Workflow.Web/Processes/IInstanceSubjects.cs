namespace Workflow.Web.Processes;

/// <summary>
/// What an instance runs for, by name (a rating file's subject), for the admin's instance list. The feature that starts
/// instances for its records offers it; the list searches and shows it without knowing that feature.
/// </summary>
public interface IInstanceSubjects
{
    /// <summary>One row per instance that runs for a named record; composable into the caller's query.</summary>
    IQueryable<InstanceSubject> Query();
}

/// <summary>An instance and the name of the record it runs for.</summary>
public sealed record InstanceSubject
{
    public Guid InstanceId { get; init; }

    public string Name { get; init; } = "";
}
