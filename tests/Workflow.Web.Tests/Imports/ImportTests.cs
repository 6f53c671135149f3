using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Workflow.Web.Imports;
using Workflow.Web.Jobs;
using Workflow.Web.Org;
using Workflow.Web.Tests.Ratings;

namespace Workflow.Web.Tests.Imports;

/// <summary>
/// Units and members come in from spreadsheets over HTTP: a dry run checks every row and writes nothing, the errors name
/// the line and column in Vietnamese, only an error-free sheet starts, the background job writes it, importing the same
/// file again changes nothing, a changed row updates, a resumed job writes nothing twice, bad files are refused whole.
/// </summary>
public abstract class ImportTests(AppHost host)
{
    private static readonly string[] UnitHeaders = ["Mã đơn vị", "Tên đơn vị", "Loại", "Mã đơn vị cấp trên", "Đơn vị cấp trên", "Có cấp ủy"];
    private static readonly string[] MemberHeaders = ["Mã đảng viên", "Họ và tên", "Ngày sinh", "Giới tính", "Đơn vị", "Đơn vị cấp trên", "Loại (2A/2B/2C)", "Trạng thái", "Ngày vào Đảng"];

    private Task<Guid> ProvinceAsync() => host.Factory.InScopeAsync((_, db) => db.Units.Where(u => u.Code == "TU").Select(u => u.Id).SingleAsync());

    private Task<int> CountAsync(Func<Data.AppDbContext, Task<int>> count) => host.Factory.InScopeAsync((_, db) => count(db));

    private static List<object?[]> Units(string tag) =>
    [
        [$"T{tag}", $"Đảng bộ Thử {tag}", "Đảng bộ trực thuộc", "TU", "", "Có"],
        [$"A{tag}", $"Đảng bộ Sở A {tag}", "Đảng bộ cơ sở", $"T{tag}", "", "Có"],
        [$"B{tag}", $"Đảng bộ Sở B {tag}", "Đảng bộ cơ sở", "", $"Đảng bộ Thử {tag}", "Có"],
        ["", "Chi bộ Văn phòng", "Chi bộ trực thuộc", "", $"Đảng bộ Sở A {tag}", "Không"],
        ["", "Chi bộ Văn phòng", "Chi bộ trực thuộc", $"B{tag}", "", "Không"],
    ];

    [Fact]
    public async Task Units_and_members_come_in_checked_first_imported_once_and_updated_by_a_changed_row()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var province = await ProvinceAsync();
        using var admin = await host.SignInAsync("admin");

        // Units: the dry run writes nothing.
        var units = Workbooks.Xlsx(UnitHeaders, Units(tag));
        var check = await Workbooks.CheckAsync(admin, "Units", province, "don-vi.xlsx", units);
        Assert.Equal("Checked", check.GetProperty("status").GetString());
        Assert.Equal((5, 0, 0), (check.GetProperty("created").GetInt32(), check.GetProperty("unchanged").GetInt32(), check.GetProperty("errorCount").GetInt32()));
        Assert.Equal(0, await CountAsync(db => db.Units.IgnoreQueryFilters().CountAsync(u => u.Name.Contains(tag) || (u.Parent != null && u.Parent.Name.Contains(tag)))));

        var done = await Workbooks.ImportAsync(admin, check);
        Assert.Equal((5, 5), (done.GetProperty("done").GetInt32(), done.GetProperty("created").GetInt32()));
        var tree = await host.Factory.InScopeAsync((_, db) => db.Units.IgnoreQueryFilters().Where(u => u.Path.StartsWith(db.Units.IgnoreQueryFilters().Where(x => x.Code == $"T{tag}").Select(x => x.Path).First()))
            .Select(u => new { u.Name, u.Kind, u.Depth, u.HasCommittee, Parent = u.Parent!.Name }).ToListAsync());
        Assert.Equal(5, tree.Count);
        Assert.Equal(2, tree.Count(u => u.Name == "Chi bộ Văn phòng" && u.Kind == UnitKind.AffiliatedBranch && !u.HasCommittee));
        Assert.Contains(tree, u => u.Name == "Chi bộ Văn phòng" && u.Parent == $"Đảng bộ Sở B {tag}");
        Assert.True(tree.Single(u => u.Name == $"Đảng bộ Thử {tag}").HasCommittee);

        // The same file again: every row matches, nothing is written.
        var again = await Workbooks.CheckAsync(admin, "Units", province, "don-vi.xlsx", units);
        Assert.Equal((0, 5), (again.GetProperty("created").GetInt32(), again.GetProperty("unchanged").GetInt32()));
        await Workbooks.ImportAsync(admin, again);
        Assert.Equal(5, tree.Count);
        Assert.Equal(5, await CountAsync(db => db.Units.IgnoreQueryFilters().CountAsync(u => u.Name.Contains(tag) || (u.Parent != null && u.Parent.Name.Contains(tag)))));

        // Members, as a Vietnamese Excel writes CSV (";", quotes): every bad row is named, nothing is written, the job does not start.
        var committee = await host.Factory.InScopeAsync((_, db) => db.Units.Where(u => u.Code == $"T{tag}").Select(u => u.Id).SingleAsync());
        object?[] Good(int i, string status = "Chính thức") => [$"DV{tag}{i}", $"Nguyễn Văn {(char)('A' + i)}", $"0{i + 1}/03/1980", i % 2 == 0 ? "Nam" : "Nữ", "Chi bộ Văn phòng", $"Đảng bộ Sở A {tag}", i == 0 ? "2A" : "2C", status, "03/02/2005"];
        var bad = Workbooks.Csv(';', MemberHeaders,
        [
            Good(0), Good(1),
            [$"DV{tag}x1", "Trần Thị Ba", "01/01/1985", "Nữ", "Chi bộ Văn phòng", "", "2B", "Chính thức", "01/01/2010"],
            [$"DV{tag}x2", "Lê Văn Bốn", "01/01/1985", "Nam", "Chi bộ Kế toán", $"Đảng bộ Sở A {tag}", "2B", "Chính thức", "01/01/2010"],
            [$"DV{tag}x3", "Phạm Năm", "31/02/1980", "Nam", "Chi bộ Văn phòng", $"Đảng bộ Sở A {tag}", "2D", "Dự bị", "01/01/2010"],
            [$"DV{tag}x4", "Hoàng Sáu", "01/01/1985", "Nam", $"Đảng bộ Sở A {tag}", "", "", "Tạm dừng", "01/01/2010"],
            Good(2),
        ]);
        var checkedMembers = await Workbooks.CheckAsync(admin, "Members", committee, "dang-vien.csv", bad);
        var lines = checkedMembers.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("line").GetString()).ToList();
        Assert.Contains("Dòng 4, cột 'Đơn vị': 'Chi bộ Văn phòng' trùng tên ở 2 nơi: ghi thêm cột 'Đơn vị cấp trên' hoặc 'Mã đơn vị'.", lines);
        Assert.Contains($"Dòng 5, cột 'Đơn vị': không tìm thấy 'Chi bộ Kế toán' dưới 'Đảng bộ Sở A {tag}'.", lines);
        Assert.Contains("Dòng 6, cột 'Ngày sinh': '31/02/1980' không phải ngày (ghi dd/mm/yyyy).", lines);
        Assert.Contains("Dòng 6, cột 'Loại (2A/2B/2C)': '2D' không phải loại mẫu (2A, 2B, 2C).", lines);
        Assert.Contains("Dòng 7, cột 'Trạng thái': 'Tạm dừng' không phải trạng thái (Chính thức, Dự bị).", lines);
        Assert.Contains($"Dòng 7, cột 'Đơn vị': 'Đảng bộ Sở A {tag}' không phải chi bộ: đảng viên sinh hoạt ở chi bộ.", lines);
        Assert.Equal(6, checkedMembers.GetProperty("errorCount").GetInt32());
        var refused = await RatingScenario.Refused(admin.PostJsonAsync($"/api/imports/{checkedMembers.GetProperty("id").GetGuid()}/start", null), HttpStatusCode.BadRequest);
        Assert.Contains("còn 6 lỗi", refused.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync(db => db.Members.IgnoreQueryFilters().CountAsync(m => m.Code!.StartsWith($"DV{tag}"))));

        // The corrected sheet goes in; again, nothing twice; a changed status updates one member.
        var good = Workbooks.Csv(';', MemberHeaders, [Good(0), Good(1), Good(2)]);
        var imported = await Workbooks.CheckAndImportAsync(admin, "Members", committee, "dang-vien.csv", good);
        Assert.Equal(3, imported.GetProperty("created").GetInt32());
        var twice = await Workbooks.CheckAndImportAsync(admin, "Members", committee, "dang-vien.csv", good);
        Assert.Equal((0, 0, 3), (twice.GetProperty("created").GetInt32(), twice.GetProperty("updated").GetInt32(), twice.GetProperty("unchanged").GetInt32()));
        var changed = await Workbooks.CheckAndImportAsync(admin, "Members", committee, "dang-vien.csv", Workbooks.Csv(';', MemberHeaders, [Good(0), Good(1, "Dự bị"), Good(2)]));
        Assert.Equal((0, 1, 2), (changed.GetProperty("created").GetInt32(), changed.GetProperty("updated").GetInt32(), changed.GetProperty("unchanged").GetInt32()));
        var members = await host.Factory.InScopeAsync((_, db) => db.Members.IgnoreQueryFilters().Where(m => m.Code!.StartsWith($"DV{tag}")).OrderBy(m => m.Code).ToListAsync());
        Assert.Equal(3, members.Count);
        Assert.Equal(("2A", true, new DateOnly(1980, 3, 1)), (members[0].Form, members[0].WorksInPoliticalSystem, members[0].DateOfBirth));
        Assert.Equal(MemberStatus.Probationary, members[1].Status);
        Assert.True(members[1].IsFemale);

        // Audited: one row per batch, naming the file.
        var audit = await host.Factory.InScopeAsync((_, db) => db.AuditEntries.Where(a => a.EntityType == "ImportJob" && a.EntityId == imported.GetProperty("id").GetGuid().ToString()).ToListAsync());
        Assert.Contains(audit, a => a.Label!.Contains("dang-vien.csv", StringComparison.Ordinal) && a.ActorName == "admin");
    }

    [Fact]
    public async Task A_resumed_import_writes_nothing_twice_and_a_stopped_one_is_picked_up_at_start_up()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var province = await ProvinceAsync();
        using var admin = await host.SignInAsync("admin");
        var done = await Workbooks.CheckAndImportAsync(admin, "Units", province, "don-vi.xlsx", Workbooks.Xlsx(UnitHeaders, Units(tag)));
        var id = done.GetProperty("id").GetGuid();
        int Count(Data.AppDbContext db) => db.Units.IgnoreQueryFilters().Count(u => u.Name.Contains(tag) || (u.Parent != null && u.Parent.Name.Contains(tag)));

        // While another runner holds the job (its lease not lapsed), a second one stays away and writes nothing.
        var held = await host.Factory.InScopeAsync(async (sp, db) =>
        {
            await db.ImportJobs.Where(j => j.Id == id).ExecuteUpdateAsync(s => s.SetProperty(j => j.Status, ImportStatus.Running).SetProperty(j => j.Done, 2)
                .SetProperty(j => j.LeaseUntilUtc, DateTime.UtcNow.AddMinutes(2)));
            await sp.GetRequiredService<ImportRunner>().RunAsync(id, CancellationToken.None);
            return await db.ImportJobs.Where(j => j.Id == id).Select(j => new { j.Status, j.Done }).SingleAsync();
        });
        Assert.Equal((ImportStatus.Running, 2), (held.Status, held.Done));

        // As if the node died after the first rows were committed (its lease lapsed): the job runs again from there.
        await host.Factory.InScopeAsync(async (sp, db) =>
        {
            await db.ImportJobs.Where(j => j.Id == id).ExecuteUpdateAsync(s => s.SetProperty(j => j.Status, ImportStatus.Running).SetProperty(j => j.Done, 2)
                .SetProperty(j => j.LeaseUntilUtc, DateTime.UtcNow.AddSeconds(-1)));
            await sp.GetRequiredService<ImportRunner>().RunAsync(id, CancellationToken.None);
            return 0;
        });
        var resumed = await admin.GetJsonAsync($"/api/imports/{id}");
        Assert.Equal(("Completed", 5), (resumed.GetProperty("status").GetString(), resumed.GetProperty("done").GetInt32()));
        Assert.Equal(5, await host.Factory.InScopeAsync((_, db) => Task.FromResult(Count(db))));

        // Queued when the process stopped: the start-up recovery queues it again and it completes.
        await host.Factory.InScopeAsync(async (sp, db) =>
        {
            await db.ImportJobs.Where(j => j.Id == id).ExecuteUpdateAsync(s => s.SetProperty(j => j.Status, ImportStatus.Queued).SetProperty(j => j.Done, 0));
            var recovery = sp.GetServices<IPendingWorkSource>().OfType<ImportRecovery>().Single();
            return await recovery.RecoverAsync(CancellationToken.None);
        });
        await Workbooks.WaitAsync(admin, id);
        Assert.Equal(5, await host.Factory.InScopeAsync((_, db) => Task.FromResult(Count(db))));
    }

    [Fact]
    public async Task Accounts_come_in_with_their_role_and_unit_and_sign_in()
    {
        var tag = Guid.NewGuid().ToString("N")[..6];
        var province = await ProvinceAsync();
        using var admin = await host.SignInAsync("admin");
        string[] headers = ["Tên đăng nhập", "Họ và tên", "Thư điện tử", "Vai trò", "Mã đơn vị", "Mật khẩu ban đầu"];
        var bad = await Workbooks.CheckAsync(admin, "Users", province, "tai-khoan.xlsx", Workbooks.Xlsx(headers,
        [
            [$"btc.{tag}", "Trần Thị Bình", $"btc.{tag}@example.vn", "Ban Tổ chức", "TU", "Doi-ngay-2026!"],
            ["x", "Lê Văn Một", "", "Đảng viên", "TU", "Doi-ngay-2026!"],
            [$"qt.{tag}", "Phạm Hai", "", "Quản trị hệ thống", "TU", "Doi-ngay-2026!"],
            [$"bt.{tag}", "Võ Ba", "khong-phai-thu", "Bí thư chi bộ", "KHONG-CO", "ngan"],
        ]));
        var lines = bad.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("line").GetString()).ToList();
        Assert.Contains("Dòng 3, cột 'Tên đăng nhập': 'x' không hợp lệ: 3–64 ký tự chữ không dấu, số, dấu chấm, gạch.", lines);
        Assert.Contains(lines, l => l!.StartsWith("Dòng 4, cột 'Vai trò': 'Quản trị hệ thống' không phải vai trò nhập được", StringComparison.Ordinal));
        Assert.Contains("Dòng 5, cột 'Thư điện tử': 'khong-phai-thu' không phải địa chỉ thư.", lines);
        Assert.Contains("Dòng 5, cột 'Mật khẩu ban đầu': mật khẩu ban đầu cần ít nhất 8 ký tự.", lines);
        Assert.Contains("Dòng 5, cột 'Mã đơn vị': không tìm thấy đơn vị có mã 'KHONG-CO'.", lines);

        // The good row goes in; a password Identity's rules refuse at run time is reported on its line; the account signs in.
        var job = await Workbooks.CheckAndImportAsync(admin, "Users", province, "tai-khoan.xlsx", Workbooks.Xlsx(headers,
        [
            [$"btc.{tag}", "Trần Thị Bình", $"btc.{tag}@example.vn", "Ban Tổ chức", "TU", "Doi-ngay-2026!"],
            [$"yeu.{tag}", "Đỗ Bốn", "", "Đảng viên", "TU", "abcdefgh"],
        ]));
        Assert.Equal(1, job.GetProperty("errorCount").GetInt32());
        Assert.StartsWith("Dòng 3, cột 'Mật khẩu ban đầu': không tạo được tài khoản", job.GetProperty("errors")[0].GetProperty("line").GetString(), StringComparison.Ordinal);
        using var imported = await Workflow.Testing.WebSession.SignedInAsync(host.Factory, $"btc.{tag}", "Doi-ngay-2026!");
        Assert.Equal(HttpStatusCode.OK, (await imported.GetAsync("/Units")).StatusCode);
        var again = await Workbooks.CheckAsync(admin, "Users", province, "tai-khoan.xlsx", Workbooks.Xlsx(headers, [[$"btc.{tag}", "Trần Thị Bình", "", "Ban Tổ chức", "TU", "Doi-ngay-2026!"]]));
        Assert.Equal((0, 1), (again.GetProperty("created").GetInt32(), again.GetProperty("unchanged").GetInt32()));
    }

    [Fact]
    public async Task Bad_files_and_callers_without_the_right_are_refused_whole()
    {
        var province = await ProvinceAsync();
        using var admin = await host.SignInAsync("admin");
        async Task<string> Refused(WebSession session, string url, string name, byte[] content, HttpStatusCode status)
        {
            var response = await session.PostFileAsync(url, name, content);
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == status, $"{(int)response.StatusCode}: {body}");
            return body;
        }

        var url = $"/api/imports?kind=Units&unitId={province}";
        Assert.Contains("Chỉ nhận tệp .xlsx hoặc .csv.", await Refused(admin, url, "don-vi.txt", [1, 2, 3], HttpStatusCode.BadRequest), StringComparison.Ordinal);
        Assert.Contains("Không đọc được tệp .xlsx", await Refused(admin, url, "hong.xlsx", [.. "PK\u0003\u0004"u8.ToArray(), .. new byte[200]], HttpStatusCode.BadRequest), StringComparison.Ordinal);
        Assert.Contains("Thiếu cột: 'Loại'", await Refused(admin, url, "thieu.xlsx", Workbooks.Xlsx(["Tên đơn vị"], [["Chi bộ X"]]), HttpStatusCode.BadRequest), StringComparison.Ordinal);
        Assert.Contains("Tệp rỗng", await Refused(admin, url, "rong.csv", [], HttpStatusCode.BadRequest), StringComparison.Ordinal);
        Assert.Contains("không có dòng dữ liệu", await Refused(admin, url, "tieu-de.csv", Workbooks.Csv(',', UnitHeaders, []), HttpStatusCode.BadRequest), StringComparison.Ordinal);
        Assert.Contains("Chọn loại dữ liệu", await Refused(admin, $"/api/imports?unitId={province}", "a.csv", Workbooks.Csv(',', UnitHeaders, []), HttpStatusCode.BadRequest), StringComparison.Ordinal);

        using var secretary = await host.SignInAsync("bithu.sct");
        await Refused(secretary, url, "don-vi.csv", Workbooks.Csv(',', UnitHeaders, [["", "Chi bộ X", "Chi bộ cơ sở", "TU", "", ""]]), HttpStatusCode.Forbidden);
        using var standing = await host.SignInAsync("btv.khoi");
        // Another committee's board does not see the province as its own: it imports under its own committee only.
        await Refused(standing, url, "don-vi.csv", Workbooks.Csv(',', UnitHeaders, [["", "Chi bộ X", "Chi bộ cơ sở", "TU", "", ""]]), HttpStatusCode.NotFound);
        await Refused(standing, "/api/imports?kind=Users", "tk.csv", Workbooks.Csv(',', ["Tên đăng nhập"], [["a"]]), HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/api/imports/templates/Members")).StatusCode);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SqliteImportTests(SqliteHost host) : ImportTests(host);

[Collection(PostgresCollection.Name)]
public sealed class PostgresImportTests(PostgresHost host) : ImportTests(host);
