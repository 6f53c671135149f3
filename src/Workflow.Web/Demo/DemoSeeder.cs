using System.Diagnostics;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Workflow.Web.Audit;
using Workflow.Web.Data;
using Workflow.Web.Identity;
using Workflow.Web.Org;

namespace Workflow.Web.Demo;

/// <summary>
/// Seeds, idempotently and deterministically, a demo province modelled on the news reports in shared/seeds:
/// Đảng bộ Khối các cơ quan tỉnh with 88 grassroots organizations (39 đảng bộ cơ sở, 49 chi bộ cơ sở) and 4,288
/// members, and Huyện ủy Bình Giang with 38 grassroots organizations. One demo user per role.
/// </summary>
public sealed class DemoSeeder(
    AppDbContext db, UserManager<AppUser> users, RoleManager<AppRole> roles, ILogger<DemoSeeder> logger)
{
    public const string DemoPassword = "Demo@2026";
    public const string ProvinceCode = "TU";
    public const int KhoiMembers = 4288;
    private static readonly DateOnly TreeStart = new(2020, 10, 1);

    /// <summary>The demo logins: user name, role, unit code, full name.</summary>
    public static readonly IReadOnlyList<DemoLogin> Logins =
    [
        new("admin", Roles.Admin, ProvinceCode, "Trịnh Quang Khải"),
        new("btv.khoi", Roles.StandingCommittee, "ĐUK", "Phạm Văn Hùng"),
        new("btc.khoi", Roles.OrganizationBoard, "ĐUK", "Nguyễn Thị Thu Hà"),
        new("ubkt.khoi", Roles.InspectionCommittee, "ĐUK", "Trần Đức Mạnh"),
        new("bithu.sct", Roles.BranchSecretary, "SCT", "Lê Minh Tuấn"),
        new("dangvien", Roles.Member, "SCT-VP", "Đỗ Thị Hồng Nhung"),
        new("hdtd.khoi", Roles.EmulationCouncil, "ĐUK", "Lương Thị Minh Nguyệt"),
        new("chutich.hdtd.khoi", Roles.EmulationCouncilHead, "ĐUK", "Đặng Quốc Toản"),
        new("btv.binhgiang", Roles.StandingCommittee, "HUBG", "Vũ Văn Bình"),
        new("btc.binhgiang", Roles.OrganizationBoard, "HUBG", "Hoàng Thị Lan"),
        new("ubkt.binhgiang", Roles.InspectionCommittee, "HUBG", "Nguyễn Văn Khải"),
        new("bithu.binhgiang", Roles.BranchSecretary, "HUBG-CB01", "Phạm Thị Hạnh"),
        new("dangvien.binhgiang", Roles.Member, "HUBG-DB01", "Trần Văn Long"),
        new("hdtd.binhgiang", Roles.EmulationCouncil, "HUBG", "Lê Thị Thu Hương"),
        new("chutich.hdtd.binhgiang", Roles.EmulationCouncilHead, "HUBG", "Nguyễn Đình Phúc"),
    ];

    public async Task EnsureRolesAsync()
    {
        foreach (var role in Roles.All)
        {
            if (!await roles.RoleExistsAsync(role))
            {
                await roles.CreateAsync(new AppRole(role));
            }
        }
    }

    public async Task SeedAsync()
    {
        var clock = Stopwatch.StartNew();
        int created = 0, newUsers;
        using (db.WithoutAudit())
        {
            if (!await db.Units.IgnoreQueryFilters().AnyAsync(u => u.Code == ProvinceCode))
            {
                created = await SeedTreeAsync();
            }

            newUsers = await SeedUsersAsync();
        }

        if (created > 0 || newUsers > 0)
        {
            // One summary row for the whole seed, written as the audit log's own entry (nothing else is saved with it).
            using (db.WithoutAudit())
            {
                db.AuditEntries.Add(new AuditEntry
                {
                    AtUtc = DateTime.UtcNow,
                    ActorName = RequestContext.SystemActor,
                    Action = AuditAction.Create,
                    EntityType = "DemoData",
                    EntityId = ProvinceCode,
                    Label = "Dữ liệu mẫu",
                    After = $"{{\"rows\":{created},\"users\":{newUsers}}}",
                });
                await db.SaveChangesAsync();
            }

            logger.LogInformation("Demo data seeded: {Rows} rows, {Users} users in {Ms} ms", created, newUsers, clock.ElapsedMilliseconds);
        }
    }

    public async Task PrintLoginsAsync(ILogger log)
    {
        var codes = Logins.Select(l => l.UnitCode).ToList();
        var units = await db.Units.IgnoreQueryFilters().AsNoTracking().Where(u => u.Code != null && codes.Contains(u.Code)).ToDictionaryAsync(u => u.Code!, u => u.Name);
        var lines = Logins.Select(l => $"  {l.UserName,-19} {Roles.DisplayName(l.Role),-18} {units.GetValueOrDefault(l.UnitCode) ?? l.UnitCode}");
        var text = $"Tài khoản dùng thử (demo logins), mật khẩu chung (password) {DemoPassword}:" + Environment.NewLine + string.Join(Environment.NewLine, lines);
        Console.WriteLine(text);
        log.LogDebug("{Logins}", text);
    }

    private async Task<int> SeedTreeAsync()
    {
        var rng = new Random(20230110);
        var units = new List<Unit>();
        var committees = new List<Committee>();
        var members = new List<PartyMember>();
        var leafWeights = new List<(Unit Branch, int Weight)>();

        Unit Add(Unit? parent, UnitKind kind, string name, string? code = null)
        {
            var unit = new Unit
            {
                ParentId = parent?.Id,
                Kind = kind,
                Name = name,
                Code = code,
                SearchName = TextFolding.Fold(name),
                Depth = parent is null ? 0 : parent.Depth + 1,
                SortOrder = units.Count(u => u.ParentId == parent?.Id),
                ValidFrom = TreeStart,
            };
            unit.Path = Unit.PathUnder(parent, unit.Id);
            units.Add(unit);
            return unit;
        }

        void AddCommittees(Unit unit, string suffix, params CommitteeKind[] kinds)
        {
            foreach (var kind in kinds)
            {
                committees.Add(new Committee { UnitId = unit.Id, Kind = kind, Name = $"{OrgText.Of(kind)} {suffix}" });
            }
        }

        var all = new[] { CommitteeKind.StandingCommittee, CommitteeKind.OrganizationBoard, CommitteeKind.InspectionCommittee };
        var province = Add(null, UnitKind.Province, "Tỉnh ủy Hải Dương", ProvinceCode);
        AddCommittees(province, "Tỉnh ủy", all);

        // Đảng bộ Khối các cơ quan tỉnh: 39 đảng bộ cơ sở + 49 chi bộ cơ sở = 88 TCCS.
        var khoi = Add(province, UnitKind.DirectCommittee, "Đảng bộ Khối các cơ quan tỉnh", "ĐUK");
        AddCommittees(khoi, "Đảng ủy Khối", all);
        for (var i = 0; i < DemoNames.KhoiCommittees.Length; i++)
        {
            var agency = DemoNames.KhoiCommittees[i];
            var code = i == 0 ? "SCT" : $"ĐUK-DB{i + 1:00}";
            var committee = Add(khoi, UnitKind.GrassrootsCommittee, $"Đảng bộ {agency}", code);
            AddCommittees(committee, $"Đảng ủy {agency}", CommitteeKind.StandingCommittee, CommitteeKind.InspectionCommittee);
            var branches = 3 + rng.Next(5);
            for (var b = 0; b < branches; b++)
            {
                var branchCode = i == 0 && b == 0 ? "SCT-VP" : null;
                var branch = Add(committee, UnitKind.AffiliatedBranch, $"Chi bộ {DemoNames.AgencyBranches[b]}", branchCode);
                leafWeights.Add((branch, 2 + rng.Next(3)));
            }
        }

        foreach (var (agency, i) in DemoNames.KhoiBranches.Select((a, i) => (a, i)))
        {
            var branch = Add(khoi, UnitKind.GrassrootsBranch, $"Chi bộ {agency}", $"ĐUK-CB{i + 1:00}");
            leafWeights.Add((branch, 1 + rng.Next(3)));
        }

        DistributeMembers(rng, leafWeights, KhoiMembers, politicalShare: 0.92, members);

        // Huyện ủy Bình Giang: 16 đảng bộ xã/thị trấn + 22 chi bộ cơ sở = 38 TCCS.
        var binhGiang = Add(province, UnitKind.DirectCommittee, "Huyện ủy Bình Giang", "HUBG");
        AddCommittees(binhGiang, "Huyện ủy Bình Giang", all);
        var bgLeaves = new List<(Unit, int)>();
        foreach (var (commune, i) in DemoNames.BinhGiangCommunes.Select((c, i) => (c, i)))
        {
            var committee = Add(binhGiang, UnitKind.GrassrootsCommittee, $"Đảng bộ {commune}", $"HUBG-DB{i + 1:00}");
            AddCommittees(committee, $"Đảng ủy {commune}", CommitteeKind.StandingCommittee, CommitteeKind.InspectionCommittee);
            var villages = 4 + rng.Next(5);
            for (var v = 0; v < villages; v++)
            {
                bgLeaves.Add((Add(committee, UnitKind.AffiliatedBranch, $"Chi bộ {DemoNames.Villages[v]}"), 3 + rng.Next(3)));
            }
        }

        foreach (var (agency, i) in DemoNames.BinhGiangBranches.Select((a, i) => (a, i)))
        {
            bgLeaves.Add((Add(binhGiang, UnitKind.GrassrootsBranch, $"Chi bộ {agency}", $"HUBG-CB{i + 1:00}"), 1 + rng.Next(3)));
        }

        DistributeMembers(rng, bgLeaves, 2150, politicalShare: 0.45, members);

        var previous = db.ChangeTracker.AutoDetectChangesEnabled;
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        await using var tx = await db.Database.BeginTransactionAsync();
        db.Units.AddRange(units);
        db.Committees.AddRange(committees);
        db.Members.AddRange(members);
        await db.SaveChangesAsync();
        await tx.CommitAsync();
        db.ChangeTracker.Clear();
        db.ChangeTracker.AutoDetectChangesEnabled = previous;
        return units.Count + committees.Count + members.Count;
    }

    /// <summary>Every branch gets at least three members (a chi bộ needs three), the rest by weight.</summary>
    private static void DistributeMembers(
        Random rng, List<(Unit Branch, int Weight)> leaves, int total, double politicalShare, List<PartyMember> into)
    {
        var totalWeight = leaves.Sum(l => l.Weight);
        var start = into.Count;
        foreach (var (branch, _) in leaves)
        {
            for (var k = 0; k < 3; k++)
            {
                into.Add(NewMember(rng, branch, politicalShare));
            }
        }

        while (into.Count - start < total)
        {
            var pick = rng.Next(totalWeight);
            foreach (var (branch, weight) in leaves)
            {
                if (pick < weight)
                {
                    into.Add(NewMember(rng, branch, politicalShare));
                    break;
                }

                pick -= weight;
            }
        }
    }

    private static PartyMember NewMember(Random rng, Unit branch, double politicalShare)
    {
        var female = rng.NextDouble() < 0.45;
        var name = string.Join(' ',
            Pick(rng, DemoNames.Surnames),
            Pick(rng, female ? DemoNames.FemaleMiddle : DemoNames.MaleMiddle),
            Pick(rng, female ? DemoNames.FemaleGiven : DemoNames.MaleGiven));
        var born = new DateOnly(1964 + rng.Next(38), 1 + rng.Next(12), 1 + rng.Next(28));
        var joinedYear = Math.Min(2025, born.Year + 20 + rng.Next(20));
        var joined = new DateOnly(joinedYear, 1 + rng.Next(12), 1 + rng.Next(28));
        var probationary = joined > new DateOnly(2024, 11, 1);
        return new PartyMember
        {
            UnitId = branch.Id,
            FullName = name,
            SearchName = TextFolding.Fold(name),
            IsFemale = female,
            DateOfBirth = born,
            JoinedOn = joined,
            Status = probationary ? MemberStatus.Probationary : MemberStatus.Official,
            Position = Pick(rng, DemoNames.Positions),
            WorksInPoliticalSystem = rng.NextDouble() < politicalShare,
            ExemptFromActivity = born.Year < 1968 && rng.NextDouble() < 0.15,
        };
    }

    private static string Pick(Random rng, string[] words) => words[rng.Next(words.Length)];

    private async Task<int> SeedUsersAsync()
    {
        var created = 0;
        foreach (var login in Logins)
        {
            if (await users.FindByNameAsync(login.UserName) is not null)
            {
                continue;
            }

            var unit = await db.Units.IgnoreQueryFilters().FirstAsync(u => u.Code == login.UnitCode);
            Guid? memberId = null;
            if (login.Role is Roles.Member or Roles.BranchSecretary)
            {
                // Bind the user to a real member record of their unit (or of its first branch) and give it their name.
                var member = await db.Members.IgnoreQueryFilters()
                    .Where(m => m.Unit!.Path.StartsWith(unit.Path) && !db.Users.Any(u => u.MemberId == m.Id))
                    .OrderBy(m => m.Id).FirstAsync();
                member.FullName = login.FullName;
                member.SearchName = TextFolding.Fold(login.FullName);
                memberId = member.Id;
            }

            var user = new AppUser
            {
                UserName = login.UserName,
                FullName = login.FullName,
                UnitId = unit.Id,
                MemberId = memberId,
                Email = $"{login.UserName}@demo.invalid",
                EmailConfirmed = true,
            };
            var result = await users.CreateAsync(user, DemoPassword);
            if (!result.Succeeded)
            {
                throw new InvalidOperationException(
                    $"Không tạo được tài khoản mẫu {login.UserName}: {string.Join("; ", result.Errors.Select(e => e.Description))}");
            }

            await users.AddToRoleAsync(user, login.Role);
            created++;
        }

        return created;
    }
}

public sealed record DemoLogin(string UserName, string Role, string UnitCode, string FullName);
