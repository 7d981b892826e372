using System.Diagnostics;

namespace Mimiumd.Tests.EndToEnd.Harness;

/// <summary>Bounded polling for state that another thread (the audio thread, a socket) updates.</summary>
internal static class Wait
{
    /// <summary>Generous for shared CI machines; only a failing test waits this long.</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    public static async Task UntilAsync(Func<bool> condition, string what, TimeSpan? timeout = null)
    {
        var limit = timeout ?? Timeout;
        var clock = Stopwatch.StartNew();
        for (var attempt = 0; attempt < 100_000 && clock.Elapsed < limit; attempt++)
        {
            if (condition()) return;
            await Task.Delay(5);
        }
        Assert.True(condition(), $"timed out after {limit.TotalSeconds:0.#} s waiting until {what}");
    }

    /// <summary>Lets the audio thread run for at least <paramref name="periods"/> more periods.</summary>
    public static Task ForPeriodsAsync(TestDaemon daemon, long periods)
    {
        var target = daemon.Periods + periods;
        return UntilAsync(() => daemon.Periods >= target, $"{periods} more audio periods were rendered");
    }
}
