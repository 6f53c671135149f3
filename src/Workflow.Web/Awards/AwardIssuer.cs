namespace Workflow.Web.Awards;

/// <summary>Who grants an award kind: the committee running the award round, or the province's standing committee (Bằng khen).</summary>
public enum AwardIssuer
{
    /// <summary>The standing committee of the committee whose round it is (Giấy khen).</summary>
    Committee = 0,
    /// <summary>The province's standing committee (Bằng khen): lower committees propose, the province decides.</summary>
    Province = 1,
}
