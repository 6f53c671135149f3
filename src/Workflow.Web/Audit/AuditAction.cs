namespace Workflow.Web.Audit;

public enum AuditAction
{
    Create = 0,
    Update = 1,
    Delete = 2,
}
