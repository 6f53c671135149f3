namespace Workflow.Testing;

/// <summary>
/// Waits on a condition, never on the clock alone: the condition is checked at once and then every 50 ms until it
/// holds or the time is up (generous, so a slow machine only makes a passing test slower, never a failing one pass).
/// </summary>
public static class Eventually
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan Every = TimeSpan.FromMilliseconds(50);

    /// <summary>True as soon as <paramref name="condition"/> holds; false when it still does not after <paramref name="timeout"/>.</summary>
    public static async Task<bool> TrueAsync(Func<Task<bool>> condition, TimeSpan? timeout = null)
    {
        using var deadline = new CancellationTokenSource(timeout ?? DefaultTimeout);
        using var tick = new PeriodicTimer(Every);
        while (!await condition())
        {
            try
            {
                await tick.WaitForNextTickAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                return await condition();
            }
        }

        return true;
    }

    /// <inheritdoc cref="TrueAsync(Func{Task{bool}}, TimeSpan?)"/>
    public static Task<bool> TrueAsync(Func<bool> condition, TimeSpan? timeout = null) => TrueAsync(() => Task.FromResult(condition()), timeout);

    /// <summary>Reads until <paramref name="done"/> holds for what was read (or the time is up) and returns the last reading.</summary>
    public static async Task<T> ValueAsync<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan? timeout = null)
    {
        var last = await read();
        if (!done(last))
        {
            await TrueAsync(async () => done(last = await read()), timeout);
        }

        return last;
    }
}
