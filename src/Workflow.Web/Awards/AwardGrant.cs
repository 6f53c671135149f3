using Workflow.Engine;
using Workflow.Web.Ratings;

namespace Workflow.Web.Awards;

/// <summary>
/// One line of an award decision: this subject receives this award kind (the exact version). Its certificate is issued
/// for it (the certificate's line id is the grant's id); a revocation is the certificate's, kept in its register.
/// </summary>
public sealed class AwardGrant
{
    public Guid Id { get; set; } = Uuid7.New();
    public Guid AwardDecisionId { get; set; }
    public Guid AwardRuleId { get; set; }
    public int Year { get; set; }
    public int Order { get; set; }
    public SubjectType SubjectType { get; set; }
    public Guid SubjectId { get; set; }
    public required string SubjectName { get; set; }
    public Guid UnitId { get; set; }
    public string UnitPath { get; set; } = "";
    public required string UnitName { get; set; }
    public required string Reason { get; set; }
}
