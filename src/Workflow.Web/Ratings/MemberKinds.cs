namespace Workflow.Web.Ratings;

/// <summary>Which self-assessment form a member fills in, from the member's position.</summary>
public static class MemberKinds
{
    private static readonly string[] LeaderWords = ["giám đốc", "trưởng", "phó", "chủ tịch", "bí thư", "chánh", "tổng biên tập", "hiệu trưởng"];

    /// <summary>Form 2A for leaders and managers, 2B for other civil servants, 2C for everyone else.</summary>
    public static MemberKind Of(string? position, bool worksInPoliticalSystem)
    {
        if (!worksInPoliticalSystem)
        {
            return MemberKind.Other;
        }

        var text = position?.ToLowerInvariant() ?? "";
        return LeaderWords.Any(w => text.Contains(w, StringComparison.Ordinal)) ? MemberKind.Leader : MemberKind.Staff;
    }
}
