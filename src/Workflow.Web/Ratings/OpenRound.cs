using System.Globalization;
using Hangfire;
using Microsoft.EntityFrameworkCore;
using Workflow.Web.Data;
using Workflow.Web.Localization;

namespace Workflow.Web.Ratings;

/// <summary>A round to open: its year, rule set, deciding unit, subject types and deadlines.</summary>
public sealed record OpenRoundRequest(
    string? Name, int Year, Guid RuleSetId, Guid DecidingUnitId, List<SubjectType>? SubjectTypes,
    DateTime? SelfAssessmentDue, DateTime? ReviewDue, DateTime? DecisionDue, int? ComplaintDays);

/// <summary>
/// Opens a round: checks the request (the actor, the year, the rule set, the deadlines), records the round, and hands the
/// bulk creation of its files and workflow instances to <see cref="RoundOpeningJob"/> (batched, resumable).
/// </summary>
public sealed class OpenRound(AppDbContext db, TimeProvider clock, IBackgroundJobClient jobs)
{
    public async Task<RatingRound> RunAsync(OpenRoundRequest request, Actor actor, CancellationToken ct)
    {
        if (!actor.IsAdmin && !actor.Principal.IsInRole(Roles.StandingCommittee))
        {
            throw DomainException.Forbidden("Chỉ quản trị viên hoặc Ban Thường vụ của đơn vị quyết định được mở đợt đánh giá.");
        }

        var errors = new List<FieldError>();
        if (request.Year is < 2000 or > 2100)
        {
            errors.Add(new("year", "Năm đánh giá phải từ 2000 đến 2100."));
        }

        var ruleSet = await db.RuleSets.FirstOrDefaultAsync(r => r.Id == request.RuleSetId, ct);
        if (ruleSet is null)
        {
            errors.Add(new("ruleSetId", "Chưa chọn bộ quy tắc, hoặc bộ quy tắc không tồn tại."));
        }
        else if (!ruleSet.AppliesTo(request.Year))
        {
            errors.Add(new("ruleSetId", $"Bộ quy tắc {ruleSet.Code} áp dụng cho {ruleSet.FromYear}–{ruleSet.ToYear?.ToString(CultureInfo.InvariantCulture) ?? "nay"}, không áp dụng cho năm {request.Year}."));
        }

        var unit = await db.Units.FirstOrDefaultAsync(u => u.Id == request.DecidingUnitId, ct);
        if (unit is null && request.DecidingUnitId != Guid.Empty)
        {
            throw DomainException.NotFound("đơn vị quyết định");
        }

        if (unit is null)
        {
            errors.Add(new("decidingUnitId", "Chưa chọn đơn vị quyết định."));
        }

        var types = request.SubjectTypes?.Distinct().ToList() ?? [];
        if (types.Count == 0)
        {
            errors.Add(new("subjectTypes", "Chọn ít nhất một loại đối tượng đánh giá."));
        }

        if (request.SelfAssessmentDue is null)
        {
            errors.Add(new("selfAssessmentDue", "Chưa nhập hạn tự đánh giá."));
        }

        if (request.ReviewDue is null)
        {
            errors.Add(new("reviewDue", "Chưa nhập hạn thẩm định."));
        }
        else if (request.SelfAssessmentDue is { } s && request.ReviewDue <= s)
        {
            errors.Add(new("reviewDue", "Hạn thẩm định phải sau hạn tự đánh giá."));
        }

        if (request.DecisionDue is null)
        {
            errors.Add(new("decisionDue", "Chưa nhập hạn quyết định."));
        }
        else if (request.ReviewDue is { } r && request.DecisionDue <= r)
        {
            errors.Add(new("decisionDue", "Hạn quyết định phải sau hạn thẩm định."));
        }

        if (request.ComplaintDays is < 1 or > 90)
        {
            errors.Add(new("complaintDays", "Thời hạn khiếu nại phải từ 1 đến 90 ngày."));
        }

        if (errors.Count > 0)
        {
            throw DomainException.Invalid("Chưa mở được đợt đánh giá: kiểm tra các trường được đánh dấu.", errors);
        }

        if (!actor.IsAdmin && !actor.Is(Roles.StandingCommittee, unit!.Id))
        {
            throw DomainException.Forbidden("Chỉ quản trị viên hoặc Ban Thường vụ của đơn vị quyết định được mở đợt đánh giá.");
        }

        if (await db.Rounds.AnyAsync(x => x.Year == request.Year && x.DecidingUnitId == unit!.Id && x.SubjectTypes == string.Join(',', types.Order()), ct))
        {
            throw DomainException.Conflict($"Đơn vị đã có đợt đánh giá năm {request.Year} cho các loại đối tượng này.");
        }

        var round = new RatingRound
        {
            Name = TextRules.Name(request.Name, 300, "name", "Tên đợt đánh giá") ?? $"Đánh giá, xếp loại chất lượng năm {request.Year} — {unit!.Name}",
            Year = request.Year,
            RuleSetId = ruleSet!.Id,
            DecidingUnitId = unit!.Id,
            DecidingUnitPath = unit.Path,
            SubjectTypes = string.Join(',', types.Order()),
            // The calendar is entered in Việt Nam time.
            SelfAssessmentDueUtc = VietnamTime.ToUtc(request.SelfAssessmentDue!.Value),
            ReviewDueUtc = VietnamTime.ToUtc(request.ReviewDue!.Value),
            DecisionDueUtc = VietnamTime.ToUtc(request.DecisionDue!.Value),
            ComplaintDays = request.ComplaintDays ?? 15,
            Status = RoundStatus.Opening,
            CreatedAtUtc = clock.GetUtcNow().UtcDateTime,
            CreatedBy = actor.UserName,
        };
        db.Rounds.Add(round);
        await db.SaveChangesAsync(ct);
        jobs.Enqueue<RoundOpeningJob>(job => job.RunAsync(round.Id, CancellationToken.None));
        return round;
    }
}
