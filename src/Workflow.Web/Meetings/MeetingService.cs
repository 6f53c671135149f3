using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Workflow.Web.Data;
using Workflow.Web.Identity;
using Workflow.Web.Localization;
using Workflow.Web.Org;

namespace Workflow.Web.Meetings;

/// <summary>The "Meetings" section of appsettings.json.</summary>
public sealed class MeetingOptions
{
    public const string Section = "Meetings";

    public bool Enabled { get; set; } = true;
    /// <summary>Monthly (a period a month) or Quarterly (a period a quarter).</summary>
    public string Schedule { get; set; } = "Monthly";
    /// <summary>When a new period is opened (cron, Vietnam time): by default at 07:00 on the first day of the month.</summary>
    public string OpenCron { get; set; } = "0 7 1 * *";
    /// <summary>Days after the period's end by which branches send their scores.</summary>
    public int DueDays { get; set; } = 10;

    public bool Quarterly => string.Equals(Schedule, "Quarterly", StringComparison.OrdinalIgnoreCase);
}

public sealed record SaveMeetingScore(Dictionary<string, int?>? Points, string? Note, int? Version);

public sealed record MeetingStatistics(int Year, int? Quarter, int Total, IReadOnlyList<(MeetingLevel Level, int Count, decimal Percent)> Levels, int Pending)
{
    /// <summary>"Kết quả … quý 2/2023: Tốt: 80,80%, Khá: 17,73%, Trung bình: 1,40%, Kém: 0,07% (1.500 lượt sinh hoạt)."</summary>
    public string Sentence
    {
        get
        {
            var vi = CultureInfo.GetCultureInfo("vi-VN");
            var when = Quarter is { } q ? $"quý {q}/{Year}" : $"năm {Year}";
            if (Total == 0)
            {
                return $"Chưa có kết quả đánh giá, xếp loại chất lượng sinh hoạt chi bộ {when} được xác nhận.";
            }

            var parts = Levels.Where(l => l.Count > 0).Select(l => $"{MeetingText.Name(l.Level)}: {l.Percent.ToString("0.00", vi)}%");
            return $"Kết quả đánh giá, xếp loại chất lượng sinh hoạt chi bộ {when} như sau: {string.Join(", ", parts)} ({Total.ToString("N0", vi)} lượt sinh hoạt chi bộ).";
        }
    }
}

/// <summary>
/// Branch-meeting quality: periods opened set-based for every branch, each branch's secretary scores its meetings on
/// the sheet, the committee above confirms (or returns), and confirmed scores roll up per quarter and year with
/// percentages that always sum to 100.
/// </summary>
public sealed class MeetingService(AppDbContext db, TimeProvider clock, MeetingOptions options)
{
    public const int BatchSize = 1000;

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    // ---- the sheet ------------------------------------------------------------------------------------------------

    public async Task<int> LatestSheetVersionAsync(CancellationToken ct) =>
        await db.MeetingSheets.AsNoTracking().MaxAsync(s => (int?)s.Version, ct) ?? 0;

    public async Task<MeetingSheetDefinition> SheetAsync(int version, CancellationToken ct) =>
        version <= 0
            ? MeetingSheetDefinition.Default
            : await db.MeetingSheets.AsNoTracking().Where(s => s.Version == version).Select(s => s.Definition).FirstOrDefaultAsync(ct) is { } json
                ? MeetingSheetDefinition.Parse(json)
                : MeetingSheetDefinition.Default;

    public async Task<int> SaveSheetAsync(MeetingSheetDefinition? sheet, Actor actor, CancellationToken ct)
    {
        if (!actor.IsAdmin)
        {
            throw DomainException.Forbidden("Chỉ quản trị viên được sửa phiếu chấm sinh hoạt chi bộ.");
        }

        if (sheet is null)
        {
            throw DomainException.Invalid("Chưa gửi phiếu chấm.");
        }

        var errors = sheet.Validate();
        if (errors.Count > 0)
        {
            throw DomainException.Invalid("Phiếu chấm chưa hợp lệ.", errors);
        }

        var version = await LatestSheetVersionAsync(ct) + 1;
        db.MeetingSheets.Add(new MeetingSheet { Version = version, Definition = sheet.ToJson(), SavedAtUtc = Now, SavedBy = actor.UserName });
        await db.SaveChangesAsync(ct);
        return version;
    }

    // ---- opening a period -----------------------------------------------------------------------------------------

    /// <summary>The period that contains <paramref name="localDay"/> under the configured schedule.</summary>
    public (int Year, int Month, int Months) PeriodOf(DateOnly localDay) =>
        options.Quarterly ? (localDay.Year, (((localDay.Month - 1) / 3) * 3) + 1, 3) : (localDay.Year, localDay.Month, 1);

    /// <summary>
    /// Opens a period for every branch (chi bộ trực thuộc and chi bộ cơ sở) active on its first day: the period row,
    /// then the branches' score rows in batches of <see cref="BatchSize"/>, each batch one transaction. Opening a
    /// period that exists fills in what is missing and returns it (a job that ran twice, or stopped halfway).
    /// </summary>
    public async Task<MeetingPeriod> OpenAsync(int year, int month, int months, string actor, CancellationToken ct)
    {
        var errors = new List<FieldError>();
        if (year is < 2000 or > 2100)
        {
            errors.Add(new("year", "Năm phải từ 2000 đến 2100."));
        }

        if (months is not (1 or 3))
        {
            errors.Add(new("months", "Kỳ đánh giá là một tháng hoặc một quý."));
        }
        else if (month is < 1 or > 12 || (months == 3 && (month - 1) % 3 != 0))
        {
            errors.Add(new("month", months == 3 ? "Kỳ theo quý bắt đầu vào tháng 1, 4, 7 hoặc 10." : "Tháng phải từ 1 đến 12."));
        }

        if (errors.Count > 0)
        {
            throw DomainException.Invalid("Chưa mở được kỳ đánh giá sinh hoạt chi bộ.", errors);
        }

        var period = await db.MeetingPeriods.FirstOrDefaultAsync(p => p.Year == year && p.Month == month, ct);
        if (period is not null && period.Months != months)
        {
            throw DomainException.Conflict($"Đã có kỳ {period.Label} bắt đầu tháng {month}/{year}.");
        }

        var first = new DateOnly(year, month, 1);
        if (period is null)
        {
            period = new MeetingPeriod
            {
                Year = year, Month = month, Months = months, SheetVersion = await LatestSheetVersionAsync(ct),
                DueUtc = VietnamTime.ToUtc(first.AddMonths(months).AddDays(Math.Max(0, options.DueDays)).ToDateTime(new TimeOnly(17, 0))),
                OpenedAtUtc = Now, OpenedBy = actor,
            };
            db.MeetingPeriods.Add(period);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                // Another node opened it first: use theirs.
                db.ChangeTracker.Clear();
                period = await db.MeetingPeriods.FirstAsync(p => p.Year == year && p.Month == month, ct);
            }
        }

        var branches = await db.Units.IgnoreQueryFilters().AsNoTracking()
            .Where(u => (u.Kind == UnitKind.AffiliatedBranch || u.Kind == UnitKind.GrassrootsBranch) && u.ParentId != null
                        && u.ValidFrom <= first && (u.ValidTo == null || u.ValidTo >= first))
            .OrderBy(u => u.Path).Select(u => new { u.Id, u.Name, u.Path, ParentId = u.ParentId!.Value }).ToListAsync(ct);
        using (db.WithoutAudit())
        {
            foreach (var batch in branches.Chunk(BatchSize))
            {
                await using var tx = await db.Database.BeginTransactionAsync(ct);
                await new BulkInsert(db, "MeetingScores", "Id", "PeriodId", "UnitId", "UnitName", "UnitPath", "ConfirmerUnitId", "Status", "Version") { IgnoreConflicts = true }
                    .WriteAsync(batch.Select(b => new object?[] { Guid.CreateVersion7(), period.Id, b.Id, b.Name, b.Path, b.ParentId, (int)MeetingScoreStatus.Pending, 0 }), ct);
                await tx.CommitAsync(ct);
            }
        }

        var count = await db.MeetingScores.IgnoreQueryFilters().CountAsync(s => s.PeriodId == period.Id, ct);
        await db.MeetingPeriods.Where(p => p.Id == period.Id).ExecuteUpdateAsync(u => u.SetProperty(p => p.BranchCount, count), ct);
        period.BranchCount = count;
        return period;
    }

    // ---- scoring and confirming -----------------------------------------------------------------------------------

    private static bool IsSecretaryOf(Actor actor, Guid unitId) => actor.Is(Roles.BranchSecretary, unitId);

    /// <summary>Who confirms for a committee: its secretary, standing committee or organization board (and admins).</summary>
    public static bool CanConfirm(Actor actor, Guid confirmerUnitId) =>
        actor.IsAdmin || actor.Is(Roles.BranchSecretary, confirmerUnitId) || actor.Is(Roles.StandingCommittee, confirmerUnitId)
        || actor.Is(Roles.OrganizationBoard, confirmerUnitId);

    public static bool CanScore(Actor actor, MeetingScore score) =>
        (actor.IsAdmin || IsSecretaryOf(actor, score.UnitId)) && score.Status is not MeetingScoreStatus.Confirmed;

    /// <summary>The branch's secretary scores the period's meetings on the sheet; all points are required, each from 0 to its maximum.</summary>
    public async Task<MeetingScore> SaveAsync(Guid scoreId, SaveMeetingScore request, Actor actor, CancellationToken ct)
    {
        var score = await db.MeetingScores.FirstOrDefaultAsync(s => s.Id == scoreId, ct) ?? throw DomainException.NotFound("phiếu chấm sinh hoạt chi bộ");
        if (!actor.IsAdmin && !IsSecretaryOf(actor, score.UnitId))
        {
            throw DomainException.Forbidden("Chỉ bí thư của chi bộ được chấm điểm sinh hoạt của chi bộ mình.");
        }

        if (score.Status == MeetingScoreStatus.Confirmed)
        {
            throw DomainException.Conflict("Kết quả đã được cấp ủy cấp trên xác nhận, không sửa được nữa.");
        }

        if (request.Version is { } version && version != score.Version)
        {
            throw DomainException.Stale();
        }

        var period = await db.MeetingPeriods.AsNoTracking().FirstAsync(p => p.Id == score.PeriodId, ct);
        var sheet = await SheetAsync(period.SheetVersion, ct);
        var errors = new List<FieldError>();
        var points = request.Points ?? [];
        foreach (var unknown in points.Keys.Where(k => sheet.Criteria.All(c => c.Code != k)))
        {
            errors.Add(new($"points.{unknown}", $"Phiếu chấm không có tiêu chí \"{unknown}\"."));
        }

        var given = new Dictionary<string, int>();
        foreach (var c in sheet.Criteria)
        {
            if (!points.TryGetValue(c.Code, out var value) || value is null)
            {
                errors.Add(new($"points.{c.Code}", $"Chưa chấm tiêu chí \"{c.Name}\"."));
            }
            else if (value < 0 || value > c.Max)
            {
                errors.Add(new($"points.{c.Code}", $"Tiêu chí \"{c.Name}\": điểm từ 0 đến {c.Max}."));
            }
            else
            {
                given[c.Code] = value.Value;
            }
        }

        if (request.Note is { Length: > 2000 })
        {
            errors.Add(new("note", "Nhận xét tối đa 2.000 ký tự."));
        }

        if (errors.Count > 0)
        {
            throw DomainException.Invalid("Phiếu chấm chưa đầy đủ hoặc có điểm không hợp lệ.", errors);
        }

        score.Points = JsonSerializer.Serialize(given);
        score.Total = given.Values.Sum();
        score.Level = sheet.LevelOf(score.Total.Value);
        score.Note = string.IsNullOrWhiteSpace(request.Note) ? null : request.Note.Trim();
        score.Status = MeetingScoreStatus.Submitted;
        score.ReturnReason = null;
        score.SubmittedBy = actor.UserName;
        score.SubmittedAtUtc = Now;
        score.Version++;
        await SaveGuardedAsync(ct);
        return score;
    }

    /// <summary>
    /// Confirms submitted scores the caller may confirm, set-based (one guarded UPDATE per chunk); returns the ids that
    /// were not confirmed, with the reason, so a bulk confirmation says what happened to each.
    /// </summary>
    public async Task<(int Confirmed, IReadOnlyList<(Guid Id, string Reason)> Refused)> ConfirmAsync(IReadOnlyCollection<Guid> ids, Actor actor, CancellationToken ct)
    {
        if (ids.Count is 0 or > 2000)
        {
            throw DomainException.Invalid("Chọn từ 1 đến 2.000 phiếu để xác nhận.", [new("ids", "Danh sách phiếu trống hoặc quá dài.")]);
        }

        var rows = await db.MeetingScores.AsNoTracking().Where(s => ids.Contains(s.Id)).Select(s => new { s.Id, s.Status, s.ConfirmerUnitId }).ToListAsync(ct);
        var refused = new List<(Guid, string)>();
        refused.AddRange(ids.Except(rows.Select(r => r.Id)).Select(id => (id, "Không tìm thấy phiếu, hoặc phiếu ngoài phạm vi của bạn.")));
        var allowed = new List<Guid>();
        foreach (var row in rows)
        {
            if (!CanConfirm(actor, row.ConfirmerUnitId))
            {
                refused.Add((row.Id, "Chỉ cấp ủy cấp trên trực tiếp của chi bộ được xác nhận."));
            }
            else if (row.Status != MeetingScoreStatus.Submitted)
            {
                refused.Add((row.Id, row.Status == MeetingScoreStatus.Confirmed ? "Phiếu đã được xác nhận trước đó." : "Chi bộ chưa gửi phiếu chấm."));
            }
            else
            {
                allowed.Add(row.Id);
            }
        }

        var confirmed = 0;
        var now = Now;
        foreach (var chunk in allowed.Chunk(500))
        {
            confirmed += await db.MeetingScores.Where(s => chunk.Contains(s.Id) && s.Status == MeetingScoreStatus.Submitted)
                .ExecuteUpdateAsync(u => u.SetProperty(s => s.Status, MeetingScoreStatus.Confirmed).SetProperty(s => s.ConfirmedBy, actor.UserName)
                    .SetProperty(s => s.ConfirmedAtUtc, now).SetProperty(s => s.Version, s => s.Version + 1), ct);
        }

        return (confirmed, refused);
    }

    /// <summary>The committee above sends a submitted score back to the branch with a reason.</summary>
    public async Task<MeetingScore> ReturnAsync(Guid scoreId, string? reason, Actor actor, CancellationToken ct)
    {
        var score = await db.MeetingScores.FirstOrDefaultAsync(s => s.Id == scoreId, ct) ?? throw DomainException.NotFound("phiếu chấm sinh hoạt chi bộ");
        if (!CanConfirm(actor, score.ConfirmerUnitId))
        {
            throw DomainException.Forbidden("Chỉ cấp ủy cấp trên trực tiếp của chi bộ được trả lại phiếu chấm.");
        }

        if (string.IsNullOrWhiteSpace(reason) || reason.Length > 1000)
        {
            throw DomainException.Invalid("Trả lại cần nêu lý do (tối đa 1.000 ký tự).", [new("reason", "Chưa nêu lý do trả lại.")]);
        }

        if (score.Status != MeetingScoreStatus.Submitted)
        {
            throw DomainException.Conflict("Chỉ trả lại được phiếu đang chờ xác nhận.");
        }

        score.Status = MeetingScoreStatus.Returned;
        score.ReturnReason = reason.Trim();
        score.Version++;
        await SaveGuardedAsync(ct);
        return score;
    }

    private async Task SaveGuardedAsync(CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw DomainException.Stale();
        }
    }

    // ---- roll-ups -------------------------------------------------------------------------------------------------

    /// <summary>Confirmed scores of the caller's part of the tree, for a quarter or a whole year.</summary>
    public async Task<MeetingStatistics> StatisticsAsync(int year, int? quarter, CancellationToken ct)
    {
        var periods = db.MeetingPeriods.Where(p => p.Year == year && (quarter == null || (p.Month >= ((quarter - 1) * 3) + 1 && p.Month <= quarter * 3)));
        var scores = db.MeetingScores.Where(s => periods.Any(p => p.Id == s.PeriodId));
        var counts = await scores.Where(s => s.Status == MeetingScoreStatus.Confirmed && s.Level != null)
            .GroupBy(s => s.Level!.Value).Select(g => new { Level = g.Key, Count = g.Count() }).ToListAsync(ct);
        var pending = await scores.CountAsync(s => s.Status != MeetingScoreStatus.Confirmed, ct);
        var levels = Enum.GetValues<MeetingLevel>();
        var byLevel = levels.Select(l => counts.FirstOrDefault(c => c.Level == l)?.Count ?? 0).ToArray();
        var total = byLevel.Sum();
        var percents = Percentages.Of(byLevel, total);
        return new MeetingStatistics(year, quarter, total, levels.Select((l, i) => (l, byLevel[i], percents[i])).ToList(), pending);
    }
}
