namespace Workflow.Web.Ratings;

/// <summary>A step open on a file, as its page names it: the step, the groups that hold it, its due date, who claimed it.</summary>
public sealed record OpenStep(string Name, IReadOnlyList<StepHolder> Groups, DateTime? DueAtUtc, string? ClaimedBy);

/// <summary>A group holding a step: a role (its code) in a unit (its name).</summary>
public sealed record StepHolder(string Role, string UnitName);
