namespace Workflow.Web.EngineRest;

/// <summary>firstResult / maxResults with a cap, so no query returns an unbounded list.</summary>
public readonly record struct Paging(int First, int Max)
{
    public const int Cap = 1000;

    public static Paging From(int? firstResult, int? maxResults)
    {
        if (firstResult is < 0 || maxResults is < 0)
        {
            throw RestException.BadRequest("firstResult và maxResults không được âm.");
        }

        return new Paging(firstResult ?? 0, Math.Min(maxResults ?? Cap, Cap));
    }
}
