using Workflow.Web.Ratings;

namespace Workflow.Web.Tests.Nodes;

/// <summary>
/// The district's single node on its embedded SQLite, killed (kill -9) while it opens a large round and started again:
/// the start-up recovery resumes the opening once the dead opener's claim lapses, and every subject ends with exactly
/// one file and one instance.
/// </summary>
[Collection(NodesCollection.Name)]
public sealed class SqliteNodeTests
{
    [Fact]
    public async Task A_round_opening_killed_mid_way_is_finished_by_the_restarted_node_once()
    {
        await using var cluster = await NodeCluster.CreateAsync(DatabaseKind.Sqlite, redis: false);
        var node = (await cluster.StartAsync("district"))[0];
        using var admin = await NodeCluster.SignedInAsync(node, "admin");
        // The whole province's members (SQLite opens thousands a second): killed as soon as the first batch is committed.
        var roundId = await cluster.OpenRoundAsync(admin, Demo.DemoSeeder.ProvinceCode, 2026, SubjectType.Member);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        while (await cluster.ScalarAsync("""SELECT COUNT(*) FROM "Files" WHERE "RoundId" = @r""", ("@r", (object)roundId)) == 0)
        {
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(60), "The opening never started.");
        }

        node.Kill();
        var written = await cluster.ScalarAsync("""SELECT COUNT(*) FROM "Files" WHERE "RoundId" = @r""", ("@r", (object)roundId));

        await node.StartAgainAsync();
        using var again = await NodeCluster.SignedInAsync(node, "admin");
        var done = await Eventually.ValueAsync(() => NodeCluster.RoundAsync(again, roundId), r => r.Status is "Open" or "Failed", TimeSpan.FromSeconds(120));
        Assert.Equal("Open", done.Status);
        Assert.Equal(done.Subjects, done.Opened);
        Assert.True(written < done.Subjects, $"the node died mid-way ({written} of {done.Subjects} written)");
        await cluster.AssertOneFileAndInstancePerSubjectAsync(roundId, done.Subjects);
    }
}
