using Microsoft.EntityFrameworkCore;
using Workflow.Web.Audit;

namespace Workflow.Web.Tests.Audit;

public abstract class AuditLogTests(AppHost host)
{
    [Fact]
    public async Task The_database_refuses_to_change_or_delete_audit_rows()
    {
        await host.Factory.InScopeAsync(async (_, db) =>
        {
            var any = await db.AuditEntries.OrderBy(a => a.Id).FirstAsync();
            var table = db.Model.FindEntityType(typeof(AuditEntry))!.GetTableName();
            var update = $"UPDATE \"{table}\" SET \"ActorName\" = 'someone else'";
            var delete = $"DELETE FROM \"{table}\"";

            await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync(update));
            await Assert.ThrowsAnyAsync<Exception>(() => db.Database.ExecuteSqlRawAsync(delete));
            Assert.Equal(any.ActorName, (await db.AuditEntries.AsNoTracking().SingleAsync(a => a.Id == any.Id)).ActorName);
        });
    }

    [Fact]
    public async Task Admins_filter_the_audit_log_by_type_action_and_text()
    {
        // Make a fresh, recognizable change.
        var label = "Chi bộ Nhật ký " + Guid.NewGuid().ToString("N")[..6];
        var parent = await host.Factory.InScopeAsync((_, db) => db.Units.SingleAsync(u => u.Code == "SCT"));
        using var admin = await host.SignInAsync("admin");
        await admin.PostFormAsync($"/Admin/Units/Edit?id={parent.Id}",
            new() { ["childName"] = label, ["childKind"] = "AffiliatedBranch", ["childFrom"] = "2026-01-01" },
            action: $"/Admin/Units/Edit?id={parent.Id}&handler=Add");

        var hit = await admin.GetStringAsync($"/Admin/Audit?type=Unit&action=Create&text={Uri.EscapeDataString(label)}");
        var miss = await admin.GetStringAsync($"/Admin/Audit?type=Unit&action=Delete&text={Uri.EscapeDataString(label)}");

        Assert.Contains(label, hit);
        Assert.Contains("Tổng số: 1", hit);
        Assert.Contains("Không có dòng nhật ký nào phù hợp", miss);
    }

    [Fact]
    public async Task Non_admins_cannot_read_the_audit_log()
    {
        using var reviewer = await host.SignInAsync("btv.khoi");
        var response = await reviewer.GetAsync("/Admin/Audit");

        Assert.Equal(System.Net.HttpStatusCode.Forbidden, response.StatusCode);
        Assert.DoesNotContain("data-testid=\"audit\"", await response.Content.ReadAsStringAsync());
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SqliteAuditLogTests(SqliteHost host) : AuditLogTests(host);

[Collection(PostgresCollection.Name)]
public sealed class PostgresAuditLogTests(PostgresHost host) : AuditLogTests(host);
