using Microsoft.EntityFrameworkCore;
using Workflow.Engine;
using Workflow.Web.Data;
using Workflow.Web.Localization;
using Workflow.Web.Org;

namespace Workflow.Web.Meetings;

/// <summary>
/// Opens a meeting period (by the recurring job, or an admin): the period row, then one pending score per active branch,
/// set-based in batches of <see cref="BatchSize"/>. Running it again fills in what is missing.
/// </summary>
public sealed class OpenMeetingPeriod(AppDbContext db, TimeProvider clock, MeetingOptions options, MeetingSheets sheets)
{
    public const int BatchSize = 1000;

    /// <summary>
    /// Opens a period for every branch (chi bộ trực thuộc and chi bộ cơ sở) active on its first day: the period row,
    /// then the branches' score rows in batches of <see cref="BatchSize"/>, each batch one transaction. Opening a
    /// period that exists fills in what is missing and returns it (a job that ran twice, or stopped halfway).
    /// </summary>
    public async Task<MeetingPeriod> RunAsync(int year, int month, int months, string actor, CancellationToken ct)
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
                Year = year, Month = month, Months = months, SheetVersion = await sheets.LatestSheetVersionAsync(ct),
                DueUtc = VietnamTime.ToUtc(first.AddMonths(months).AddDays(Math.Max(0, options.DueDays)).ToDateTime(new TimeOnly(17, 0))),
                OpenedAtUtc = clock.GetUtcNow().UtcDateTime, OpenedBy = actor,
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
                    .WriteAsync(batch.Select(b => new object?[] { Uuid7.New(), period.Id, b.Id, b.Name, b.Path, b.ParentId, (int)MeetingScoreStatus.Pending, 0 }), ct);
                await tx.CommitAsync(ct);
            }
        }

        var count = await db.MeetingScores.IgnoreQueryFilters().CountAsync(s => s.PeriodId == period.Id, ct);
        await db.MeetingPeriods.Where(p => p.Id == period.Id).ExecuteUpdateAsync(u => u.SetProperty(p => p.BranchCount, count), ct);
        period.BranchCount = count;
        return period;
    }
}
