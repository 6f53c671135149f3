namespace Workflow.Web.Common;

/// <summary>Marks an entity whose creates, updates and deletes are written to the audit log.</summary>
public interface IAudited;
