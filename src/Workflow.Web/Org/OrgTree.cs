using Microsoft.EntityFrameworkCore;
using Workflow.Engine;
using Workflow.Web.Data;

namespace Workflow.Web.Org;

/// <summary>Outcome of a command on the tree: either done or refused with a Vietnamese message for the user.</summary>
public sealed record OrgResult(bool Ok, Message? Error = null)
{
    public static OrgResult Done { get; } = new(true);

    public static OrgResult Refused(Message message) => new(false, message);
}

/// <summary>
/// Changes to the organization tree. Units are never deleted: they are added, moved (the subtree's paths are rewritten
/// in one set-based statement, and the move is recorded with its effective date) or closed on a date. Every command
/// runs in one transaction; the scope filter means a caller can only touch units they can see.
/// </summary>
public sealed class OrgTree(AppDbContext db, RequestContext request)
{
    public async Task<(OrgResult Result, Unit? Unit)> AddAsync(
        Guid parentId, UnitKind kind, string name, string? code, DateOnly validFrom, CancellationToken ct = default)
    {
        var (cleanName, nameError) = TextRules.Check(name, 300, "name", "Tên đơn vị", required: true);
        if (nameError is not null)
        {
            return (OrgResult.Refused(nameError.Message), null);
        }

        name = cleanName!;
        var (cleanCode, codeError) = TextRules.Check(code, 50, "code", "Mã đơn vị");
        if (codeError is not null)
        {
            return (OrgResult.Refused(codeError.Message), null);
        }

        var parent = await db.Units.FirstOrDefaultAsync(u => u.Id == parentId, ct);
        if (parent is null)
        {
            return (OrgResult.Refused("Không tìm thấy đơn vị cấp trên (hoặc đơn vị nằm ngoài phạm vi của bạn)."), null);
        }

        if (parent.ValidTo is { } closed && closed < validFrom)
        {
            return (OrgResult.Refused($"Đơn vị cấp trên đã giải thể từ ngày {closed:dd/MM/yyyy}."), null);
        }

        if (!OrgText.CanContain(parent.Kind, kind))
        {
            return (OrgResult.Refused($"{OrgText.Of(parent.Kind)} không thể có đơn vị trực thuộc loại {OrgText.Of(kind)}."), null);
        }

        code = cleanCode;
        if (code is not null && await db.Units.IgnoreQueryFilters().AnyAsync(u => u.Code == code, ct))
        {
            return (OrgResult.Refused($"Mã đơn vị \"{code}\" đã được dùng."), null);
        }

        var siblings = await db.Units.IgnoreQueryFilters().CountAsync(u => u.ParentId == parent.Id, ct);
        var unit = new Unit
        {
            ParentId = parent.Id,
            Kind = kind,
            Name = name,
            Code = code,
            SearchName = TextFolding.Fold(name),
            Depth = parent.Depth + 1,
            SortOrder = siblings,
            ValidFrom = validFrom,
        };
        unit.Path = Unit.PathUnder(parent, unit.Id);
        db.Units.Add(unit);
        await db.SaveChangesAsync(ct);
        return (OrgResult.Done, unit);
    }

    public async Task<OrgResult> MoveAsync(Guid unitId, Guid newParentId, DateOnly effectiveOn, CancellationToken ct = default)
    {
        var unit = await db.Units.FirstOrDefaultAsync(u => u.Id == unitId, ct);
        var parent = await db.Units.FirstOrDefaultAsync(u => u.Id == newParentId, ct);
        if (unit is null || parent is null)
        {
            return OrgResult.Refused("Không tìm thấy đơn vị (hoặc đơn vị nằm ngoài phạm vi của bạn).");
        }

        if (unit.ParentId == parent.Id)
        {
            return OrgResult.Refused("Đơn vị đã trực thuộc đơn vị này.");
        }

        if (parent.Path.StartsWith(unit.Path, StringComparison.Ordinal))
        {
            return OrgResult.Refused("Không thể chuyển một đơn vị vào chính nó hoặc vào đơn vị cấp dưới của nó.");
        }

        if (!OrgText.CanContain(parent.Kind, unit.Kind))
        {
            return OrgResult.Refused($"{OrgText.Of(parent.Kind)} không thể có đơn vị trực thuộc loại {OrgText.Of(unit.Kind)}.");
        }

        if (unit.ValidTo is not null || parent.ValidTo is not null)
        {
            return OrgResult.Refused("Không thể chuyển đơn vị đã giải thể hoặc chuyển vào đơn vị đã giải thể.");
        }

        if (effectiveOn < unit.ValidFrom)
        {
            return OrgResult.Refused($"Ngày hiệu lực phải từ ngày thành lập đơn vị ({unit.ValidFrom:dd/MM/yyyy}).");
        }

        var oldPath = unit.Path;
        var newPath = Unit.PathUnder(parent, unit.Id);
        var depthDelta = parent.Depth + 1 - unit.Depth;

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // Descendants: one set-based statement rewrites their path prefix and depth (translated to SQL, so no spans).
#pragma warning disable CA1845
        await db.Units.IgnoreQueryFilters()
            .Where(u => u.Path.StartsWith(oldPath) && u.Id != unit.Id)
            .ExecuteUpdateAsync(s => s
                .SetProperty(u => u.Path, u => newPath + u.Path.Substring(oldPath.Length))
                .SetProperty(u => u.Depth, u => u.Depth + depthDelta), ct);
#pragma warning restore CA1845

        db.UnitMoves.Add(new UnitMove
        {
            UnitId = unit.Id,
            FromParentId = unit.ParentId,
            ToParentId = parent.Id,
            EffectiveOn = effectiveOn,
            RecordedAtUtc = DateTime.UtcNow,
            RecordedBy = request.ActorName,
        });
        unit.ParentId = parent.Id;
        unit.Path = newPath;
        unit.Depth = parent.Depth + 1;
        unit.SortOrder = await db.Units.IgnoreQueryFilters().CountAsync(u => u.ParentId == parent.Id, ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return OrgResult.Done;
    }

    public async Task<OrgResult> CloseAsync(Guid unitId, DateOnly closedOn, CancellationToken ct = default)
    {
        var unit = await db.Units.FirstOrDefaultAsync(u => u.Id == unitId, ct);
        if (unit is null)
        {
            return OrgResult.Refused("Không tìm thấy đơn vị (hoặc đơn vị nằm ngoài phạm vi của bạn).");
        }

        if (unit.ValidTo is not null)
        {
            return OrgResult.Refused($"Đơn vị đã giải thể từ ngày {unit.ValidTo:dd/MM/yyyy}.");
        }

        if (unit.ParentId is null)
        {
            return OrgResult.Refused("Không thể giải thể đơn vị gốc của cây tổ chức.");
        }

        if (closedOn < unit.ValidFrom)
        {
            return OrgResult.Refused($"Ngày giải thể phải sau ngày thành lập ({unit.ValidFrom:dd/MM/yyyy}).");
        }

        var openChildren = await db.Units.IgnoreQueryFilters().CountAsync(u => u.ParentId == unit.Id && u.ValidTo == null, ct);
        if (openChildren > 0)
        {
            return OrgResult.Refused($"Đơn vị còn {openChildren} đơn vị trực thuộc đang hoạt động: hãy chuyển hoặc giải thể chúng trước.");
        }

        var activeMembers = await db.Members.IgnoreQueryFilters().CountAsync(m => m.UnitId == unit.Id && m.LeftOn == null, ct);
        if (activeMembers > 0)
        {
            return OrgResult.Refused($"Đơn vị còn {activeMembers} đảng viên đang sinh hoạt: hãy chuyển sinh hoạt đảng cho họ trước.");
        }

        unit.ValidTo = closedOn;
        await db.SaveChangesAsync(ct);
        return OrgResult.Done;
    }
}
