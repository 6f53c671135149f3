using Workflow.Web.Awards;
using Workflow.Web.Ratings;

namespace Workflow.Web.Imports;

/// <summary>The writes a batch of rows queued: flushed together in one transaction (a dry run drops them).</summary>
public sealed class ImportWrites
{
    public List<UnitEntry> NewUnits { get; } = [];
    public List<UnitEntry> ChangedUnits { get; } = [];
    public List<(Guid Id, MemberValues Values)> NewMembers { get; } = [];
    /// <summary>Members matched by a row: written only where a value differs from what is held.</summary>
    public List<(Guid Id, MemberValues Values)> MaybeChangedMembers { get; } = [];
    public List<YearRating> NewRatings { get; } = [];
    public List<(Guid Id, RatingLevel Level, string? Decision)> ChangedRatings { get; } = [];
    public List<(Guid Id, Guid Issuer, string Number, int Year)> NewDecisions { get; } = [];
    public List<AwardGrant> NewGrants { get; } = [];
    public List<(Guid Id, Guid UnitId, string UnitPath, string UnitName, int Year, string? Number)> NewTitleRounds { get; } = [];
    public List<TitleLine> NewTitleLines { get; } = [];
    public List<UserValues> NewUsers { get; } = [];
}
