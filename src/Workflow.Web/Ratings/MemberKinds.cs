namespace Workflow.Web.Ratings;

/// <summary>Which self-assessment form a member fills in, from the member's position.</summary>
public static class MemberKinds
{
    private static readonly string[] LeaderWords = ["giám đốc", "trưởng", "phó", "chủ tịch", "bí thư", "chánh", "tổng biên tập", "hiệu trưởng"];

    /// <summary>Form 2A for leaders and managers, 2B for other civil servants, 2C for everyone else.</summary>
    public static MemberKind Of(string? position, bool worksInPoliticalSystem) => Of(null, position, worksInPoliticalSystem);

    /// <summary>The form the records set ("2A", "2B", "2C"), else the one that follows from the position.</summary>
    public static MemberKind Of(string? form, string? position, bool worksInPoliticalSystem)
    {
        switch (form?.Trim().ToUpperInvariant())
        {
            case "2A": return MemberKind.Leader;
            case "2B": return MemberKind.Staff;
            case "2C": return MemberKind.Other;
        }

        if (!worksInPoliticalSystem)
        {
            return MemberKind.Other;
        }

        var text = position?.ToLowerInvariant() ?? "";
        return LeaderWords.Any(w => text.Contains(w, StringComparison.Ordinal)) ? MemberKind.Leader : MemberKind.Staff;
    }
}
