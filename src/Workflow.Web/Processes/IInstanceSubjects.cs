namespace Workflow.Web.Processes;

/// <summary>
/// What an instance runs for, by name (a rating file's subject, an award round), for the admin's instance list and the inbox. The feature that starts
/// instances for its records offers it (several features may); the lists search and show it without knowing the feature.
/// </summary>
public interface IInstanceSubjects
{
    /// <summary>One row per instance that runs for a named record; composable into the caller's query.</summary>
    IQueryable<InstanceSubject> Query();
}

/// <summary>Every feature's instance names as one query (UNION ALL), or null when no feature offers any.</summary>
public static class InstanceSubjects
{
    public static IQueryable<InstanceSubject>? All(IEnumerable<IInstanceSubjects> sources) =>
        sources.Select(s => s.Query()).Aggregate((IQueryable<InstanceSubject>?)null, (all, next) => all is null ? next : all.Concat(next));
}

/// <summary>An instance and the name of the record it runs for.</summary>
public sealed record InstanceSubject
{
    public Guid InstanceId { get; init; }

    public string Name { get; init; } = "";
}
