using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Workflow.Web.Data;
using Workflow.Web.Ratings;

namespace Workflow.Web.Awards;

/// <summary>An award kind as an admin edits it (a new code, or a new version of an existing one).</summary>
public sealed record AwardKindRequest(
    string? Code, string? Name, string? Title, string? SerialKind, AwardIssuer? Issuer, AwardEligibility? Eligibility, string? Level, int? Years,
    string? HeldCode, List<SubjectType>? SubjectTypes, int? LimitCount, decimal? LimitPercent, bool WithRatingDecision, string? Reason, bool Active,
    int SortOrder, EmulationTitle? HeldTitle = null);

/// <summary>
/// Saves an award kind as data (Admin): a new code starts at version 1; a change to an existing code adds version N+1
/// and retires the previous one in the same transaction, so grants and certificates keep the version they were given
/// under. Every field is checked and every problem named.
/// </summary>
public sealed partial class SaveAwardKind(AppDbContext db, TimeProvider clock)
{
    [GeneratedRegex("^[A-Z0-9Đ][A-Z0-9Đ-]{1,49}$")]
    private static partial Regex CodePattern();

    [GeneratedRegex("^[A-ZĐ]{1,10}$")]
    private static partial Regex SeriesPattern();

    [GeneratedRegex("\\{([^}]*)\\}")]
    private static partial Regex Placeholders();

    public async Task<AwardRule> RunAsync(string? existingCode, AwardKindRequest request, Actor actor, CancellationToken ct)
    {
        if (!actor.IsAdmin)
        {
            throw DomainException.Forbidden("Chỉ quản trị viên được sửa loại khen thưởng.");
        }

        var code = (existingCode ?? request.Code ?? "").Trim().ToUpperInvariant();
        var current = existingCode is null ? null
            : await db.AwardRules.FirstOrDefaultAsync(k => k.Code == code && k.IsCurrent, ct) ?? throw DomainException.NotFound("loại khen thưởng");
        var errors = new List<FieldError>();
        if (current is null)
        {
            if (!CodePattern().IsMatch(code))
            {
                errors.Add(new("code", "Mã gồm 2–50 chữ in hoa, chữ số hoặc dấu gạch ngang, ví dụ GK-DVK.", code.Length == 0));
            }
            else if (await db.AwardRules.AnyAsync(k => k.Code == code, ct))
            {
                errors.Add(new("code", $"Mã {code} đã có; sửa loại đó thay vì tạo mới."));
            }
        }

        var name = TextRules.Collect(errors, request.Name, 300, "name", "Tên loại khen thưởng", required: true);
        var title = TextRules.Collect(errors, request.Title, 100, "title", "Tiêu đề trên giấy khen", required: true);
        var series = (request.SerialKind ?? "").Trim().ToUpperInvariant();
        if (!SeriesPattern().IsMatch(series))
        {
            errors.Add(new("serialKind", "Ký hiệu sổ số gồm 1–10 chữ in hoa, ví dụ GK hoặc BK.", series.Length == 0));
        }

        var eligibility = request.Eligibility ?? AwardEligibility.Nomination;
        if (!Enum.IsDefined(eligibility))
        {
            errors.Add(new("eligibility", "Điều kiện xét không hợp lệ."));
        }

        var issuer = request.Issuer ?? AwardIssuer.Committee;
        if (!Enum.IsDefined(issuer))
        {
            errors.Add(new("issuer", "Cấp khen thưởng không hợp lệ."));
        }

        RatingLevel level = RatingLevel.Excellent;
        if (eligibility is AwardEligibility.RatingThisYear or AwardEligibility.ConsecutiveYears)
        {
            if (RatingText.ParseLevel(request.Level) is { } parsed)
            {
                level = parsed;
            }
            else
            {
                errors.Add(new("level", "Chọn mức xếp loại làm điều kiện.", true));
            }
        }

        var years = eligibility == AwardEligibility.ConsecutiveYears ? request.Years ?? 0 : 1;
        if (years is < 1 or > 30 || (eligibility == AwardEligibility.ConsecutiveYears && years < 2))
        {
            errors.Add(new("years", "Số năm liên tục phải từ 2 đến 30."));
        }

        var held = eligibility == AwardEligibility.AwardHeld ? request.HeldCode?.Trim().ToUpperInvariant() : null;
        if (eligibility == AwardEligibility.AwardHeld && (held is null || held == code || !await db.AwardRules.AnyAsync(k => k.Code == held, ct)))
        {
            errors.Add(new("heldCode", "Chọn loại khen thưởng phải có trước (khác loại đang sửa).", held is null));
        }

        var heldTitle = eligibility == AwardEligibility.TitleHeld ? request.HeldTitle : null;
        if (eligibility == AwardEligibility.TitleHeld && (heldTitle is null || !Enum.IsDefined(heldTitle.Value)))
        {
            errors.Add(new("heldTitle", "Chọn danh hiệu thi đua phải đạt trong năm.", heldTitle is null));
        }

        var types = request.SubjectTypes?.Distinct().ToList() ?? [];
        if (types.Count == 0 || types.Any(t => !Enum.IsDefined(t)))
        {
            errors.Add(new("subjectTypes", "Chọn ít nhất một loại đối tượng.", types.Count == 0));
        }

        if (request.LimitCount is < 1 or > 100_000)
        {
            errors.Add(new("limitCount", "Số lượng tối đa phải từ 1 đến 100.000, hoặc để trống."));
        }

        if (request.LimitPercent is <= 0 or > 100)
        {
            errors.Add(new("limitPercent", "Tỷ lệ tối đa phải lớn hơn 0 và không quá 100%, hoặc để trống."));
        }

        if (request.WithRatingDecision && eligibility != AwardEligibility.RatingThisYear)
        {
            errors.Add(new("withRatingDecision", "Chỉ loại xét theo mức xếp loại năm nay mới cấp kèm quyết định xếp loại."));
        }

        var reason = TextRules.Collect(errors, request.Reason, 500, "reason", "Lý do ghi trên giấy khen", required: true);
        if (reason is not null && Placeholders().Matches(reason).Select(m => m.Groups[1].Value).FirstOrDefault(p => p is not ("year" or "from")) is { } unknown)
        {
            errors.Add(new("reason", $"Lý do chỉ dùng được {{year}} (năm) và {{from}} (năm đầu của chuỗi năm liền); không có {{{unknown}}}."));
        }

        if (request.SortOrder is < 0 or > 10_000)
        {
            errors.Add(new("sortOrder", "Thứ tự phải từ 0 đến 10.000."));
        }

        if (errors.Count > 0)
        {
            throw DomainException.Invalid("Loại khen thưởng chưa hợp lệ: sửa các mục được nêu.", errors);
        }

        var kind = new AwardRule
        {
            Code = code, Version = current is null ? 1 : await db.AwardRules.Where(k => k.Code == code).MaxAsync(k => k.Version, ct) + 1,
            Name = name!, Title = title!.ToUpper(System.Globalization.CultureInfo.GetCultureInfo("vi-VN")), SerialKind = series, Issuer = issuer,
            Eligibility = eligibility, Level = level, Years = years, HeldCode = held, HeldTitle = heldTitle, SubjectTypes = string.Join(',', types.Order()),
            LimitCount = request.LimitCount, LimitPercent = request.LimitPercent, WithRatingDecision = request.WithRatingDecision, Reason = reason!,
            Active = request.Active, SortOrder = request.SortOrder, CreatedAtUtc = clock.GetUtcNow().UtcDateTime, CreatedBy = actor.UserName,
        };
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (current is not null)
        {
            current.IsCurrent = false;
            await db.SaveChangesAsync(ct);
        }

        db.AwardRules.Add(kind);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return kind;
    }
}
