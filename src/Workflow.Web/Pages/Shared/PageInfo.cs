namespace Workflow.Web.Pages.Shared;

/// <summary>Position in a paged list.</summary>
public sealed record PageInfo(int Page, int PageSize, int Total)
{
    public int TotalPages => Math.Max(1, (Total + PageSize - 1) / PageSize);

    public int Skip => (Math.Clamp(Page, 1, TotalPages) - 1) * PageSize;

    /// <summary>Clamps a requested page number into the valid range for a total.</summary>
    public static PageInfo For(int? requested, int pageSize, int total)
    {
        var pages = Math.Max(1, (total + pageSize - 1) / pageSize);
        return new PageInfo(Math.Clamp(requested ?? 1, 1, pages), pageSize, total);
    }
}
