namespace Workflow.Web.Common;

/// <summary>Something a feature did that others may care about (a task's audience changed, a file was returned, a decision published).</summary>
public interface IDomainEvent;
