namespace Workflow.Engine.Tests.Runtime;

public sealed class Uuid7Tests
{
    [Fact]
    public void Keys_are_version_7_with_the_time_first_like_the_framework_s()
    {
        var at = new DateTimeOffset(2026, 12, 5, 10, 20, 30, 456, TimeSpan.Zero);

        var ours = Uuid7.New(at);
        var framework = Guid.CreateVersion7(at);

        Assert.Equal(7, ours.Version);
        Assert.Equal(0b1000, ours.Variant & 0b1100);
        Assert.Equal(framework.ToString()[..13], ours.ToString()[..13]); // 48 bits of milliseconds, the same
        Assert.Equal(at.ToUnixTimeMilliseconds(), Convert.ToInt64(ours.ToString("N")[..12], 16));
    }

    [Fact]
    public void Keys_are_unique_across_refills_and_threads_and_ordered_by_time()
    {
        var keys = new System.Collections.Concurrent.ConcurrentBag<Guid>();
        Parallel.For(0, 4, _ =>
        {
            for (var i = 0; i < 50_000; i++)
            {
                keys.Add(Uuid7.New());
            }
        });
        Assert.Equal(200_000, keys.Distinct().Count());
        Assert.All(keys, k => Assert.Equal(7, k.Version));

        var earlier = Uuid7.New(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var later = Uuid7.New(new DateTimeOffset(2026, 1, 1, 0, 0, 0, 1, TimeSpan.Zero));
        Assert.True(string.CompareOrdinal(earlier.ToString(), later.ToString()) < 0);
        Assert.True(earlier.CompareTo(later) < 0);
    }

    [Fact]
    public void The_random_part_varies_within_one_millisecond()
    {
        var at = DateTimeOffset.UtcNow;
        var keys = Enumerable.Range(0, 1_000).Select(_ => Uuid7.New(at)).ToList();

        Assert.Equal(1_000, keys.Distinct().Count());
        // The 74 random bits are not a counter: their bytes take many values.
        Assert.True(keys.Select(k => k.ToString("N")[20..22]).Distinct().Count() > 100);
        Assert.Throws<ArgumentOutOfRangeException>(() => Uuid7.New(DateTimeOffset.UnixEpoch.AddMilliseconds(-1)));
    }
}
