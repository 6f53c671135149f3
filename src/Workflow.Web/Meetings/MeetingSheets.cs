using Microsoft.EntityFrameworkCore;
using Workflow.Web.Data;

namespace Workflow.Web.Meetings;

/// <summary>The scoring sheet: its versions (the shipped default is version 0), and an admin's new version.</summary>
public sealed class MeetingSheets(AppDbContext db, TimeProvider clock)
{
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
        db.MeetingSheets.Add(new MeetingSheet { Version = version, Definition = sheet.ToJson(), SavedAtUtc = clock.GetUtcNow().UtcDateTime, SavedBy = actor.UserName });
        await db.SaveChangesAsync(ct);
        return version;
    }
}
