using Microsoft.EntityFrameworkCore;
using Workflow.Web.Awards;
using Workflow.Web.Data;
using Workflow.Web.Ratings;

namespace Workflow.Web.Imports;

/// <summary>
/// What an import matches rows against, loaded once per run and kept current as rows are applied (a unit created on
/// line 5 is the parent on line 9): the units and members under the import's committee, the award kinds, and the
/// prior results already held for the years of the sheet.
/// </summary>
public sealed class ImportDirectory
{
    public Dictionary<Guid, UnitEntry> Units { get; } = [];
    public Dictionary<string, List<UnitEntry>> UnitsByName { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, List<UnitEntry>> UnitsByCode { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, MemberEntry> MembersByCode { get; } = new(StringComparer.Ordinal);
    public Dictionary<(Guid Unit, string Name), List<MemberEntry>> MembersByName { get; } = [];
    public Dictionary<string, AwardRule> Kinds { get; } = new(StringComparer.Ordinal);
    /// <summary>(type, subject, year) → level and whether a product decision recorded it.</summary>
    public Dictionary<(SubjectType, Guid, int), (RatingLevel Level, bool Imported, Guid Id)> Ratings { get; } = [];
    public Dictionary<(Guid Issuer, string Number), (Guid Id, bool Imported)> Decisions { get; } = [];
    public HashSet<(Guid Decision, Guid Kind, SubjectType Type, Guid Subject)> Grants { get; } = [];
    public Dictionary<(Guid Unit, int Year), (Guid Id, bool Imported)> TitleRounds { get; } = [];
    public HashSet<(Guid Round, EmulationTitle Title, Guid Subject)> TitleLines { get; } = [];
    /// <summary>User names held, upper-cased.</summary>
    public HashSet<string> UserNames { get; } = new(StringComparer.Ordinal);

    public static async Task<ImportDirectory> LoadAsync(AppDbContext db, ImportKind kind, string scopePath, CancellationToken ct)
    {
        var directory = new ImportDirectory();
        var units = await db.Units.IgnoreQueryFilters().AsNoTracking().Where(u => u.Path.StartsWith(scopePath) && u.ValidTo == null)
            .Select(u => new UnitEntry { Id = u.Id, ParentId = u.ParentId, Name = u.Name, Code = u.Code, Path = u.Path, Depth = u.Depth, Kind = u.Kind, HasCommittee = u.HasCommittee })
            .ToListAsync(ct);
        units.ForEach(directory.Add);
        if (kind is ImportKind.Members or ImportKind.Results)
        {
            var members = await db.Members.IgnoreQueryFilters().AsNoTracking().Where(m => m.LeftOn == null && m.Unit!.Path.StartsWith(scopePath))
                .Select(m => new MemberEntry { Id = m.Id, UnitId = m.UnitId, Name = m.FullName, Code = m.Code, Birth = m.DateOfBirth }).ToListAsync(ct);
            members.ForEach(m => directory.Add(m));
        }

        if (kind == ImportKind.Users)
        {
            foreach (var name in await db.Users.IgnoreQueryFilters().AsNoTracking().Select(u => u.NormalizedUserName).ToListAsync(ct))
            {
                directory.UserNames.Add(name ?? "");
            }
        }

        if (kind == ImportKind.Results)
        {
            foreach (var rule in await db.AwardRules.AsNoTracking().Where(k => k.IsCurrent).ToListAsync(ct))
            {
                directory.Kinds[ImportSheet.Fold(rule.Code)] = rule;
                directory.Kinds.TryAdd(ImportSheet.Fold(rule.Name), rule);
            }

            foreach (var r in await db.YearRatings.IgnoreQueryFilters().AsNoTracking().Where(y => y.UnitPath.StartsWith(scopePath))
                .Select(y => new { y.SubjectType, y.SubjectId, y.Year, y.Level, y.Imported, y.Id }).ToListAsync(ct))
            {
                directory.Ratings[(r.SubjectType, r.SubjectId, r.Year)] = (r.Level, r.Imported, r.Id);
            }

            var unitIds = units.Select(u => u.Id).ToHashSet();
            foreach (var d in await db.AwardDecisions.IgnoreQueryFilters().AsNoTracking().Select(d => new { d.Id, d.IssuerUnitId, d.Number, d.Imported }).ToListAsync(ct))
            {
                if (unitIds.Contains(d.IssuerUnitId))
                {
                    directory.Decisions[(d.IssuerUnitId, d.Number)] = (d.Id, d.Imported);
                }
            }

            foreach (var g in await db.AwardGrants.IgnoreQueryFilters().AsNoTracking().Where(g => g.UnitPath.StartsWith(scopePath))
                .Select(g => new { g.AwardDecisionId, g.AwardRuleId, g.SubjectType, g.SubjectId }).ToListAsync(ct))
            {
                directory.Grants.Add((g.AwardDecisionId, g.AwardRuleId, g.SubjectType, g.SubjectId));
            }

            foreach (var r in await db.TitleRounds.IgnoreQueryFilters().AsNoTracking().Where(r => r.UnitPath.StartsWith(scopePath)).Select(r => new { r.Id, r.UnitId, r.Year, r.Imported }).ToListAsync(ct))
            {
                directory.TitleRounds[(r.UnitId, r.Year)] = (r.Id, r.Imported);
            }

            foreach (var l in await db.TitleLines.IgnoreQueryFilters().AsNoTracking().Where(l => l.UnitPath.StartsWith(scopePath)).Select(l => new { l.RoundId, l.Title, l.SubjectId }).ToListAsync(ct))
            {
                directory.TitleLines.Add((l.RoundId, l.Title, l.SubjectId));
            }
        }

        return directory;
    }

    public void Add(UnitEntry unit)
    {
        Units[unit.Id] = unit;
        Index(UnitsByName, ImportSheet.Fold(unit.Name), unit);
        if (unit.Code is { Length: > 0 } code)
        {
            Index(UnitsByCode, ImportSheet.Fold(code), unit);
        }
    }

    public void Rename(UnitEntry unit, string name, string? code)
    {
        UnitsByName[ImportSheet.Fold(unit.Name)].Remove(unit);
        if (unit.Code is { Length: > 0 } old)
        {
            UnitsByCode[ImportSheet.Fold(old)].Remove(unit);
        }

        unit.Name = name;
        unit.Code = code;
        Add(unit);
    }

    public void Add(MemberEntry member, string? foldedName = null)
    {
        if (member.Code is { Length: > 0 } code)
        {
            MembersByCode[ImportSheet.Fold(code)] = member;
        }

        Index(MembersByName, (member.UnitId, foldedName ?? ImportSheet.Fold(member.Name)), member);
    }

    public void Move(MemberEntry member, Guid unitId, string name)
    {
        MembersByName[(member.UnitId, ImportSheet.Fold(member.Name))].Remove(member);
        member.UnitId = unitId;
        member.Name = name;
        Index(MembersByName, (unitId, ImportSheet.Fold(name)), member);
    }

    private static void Index<TKey, TValue>(Dictionary<TKey, List<TValue>> index, TKey key, TValue value)
        where TKey : notnull
    {
        if (!index.TryGetValue(key, out var list))
        {
            index[key] = list = [];
        }

        list.Add(value);
    }
}
