using System.Runtime.InteropServices;

namespace Mimiumd.Audio.Tests;

public class RealtimeAndInteropTests
{
    [Fact]
    public void Libc_layouts_match_the_platform_abi()
    {
        Assert.Equal(2 * IntPtr.Size, Marshal.SizeOf<Interop.Time.Timespec>());
        Assert.Equal(4, Marshal.SizeOf<Interop.Sched.SchedParam>());
    }

    [Fact]
    public void Sched_constants_name_the_linux_policies()
    {
        // Linux: SCHED_OTHER has the single priority 0, SCHED_FIFO spans 1..99.
        Assert.Equal(0, Interop.Sched.sched_get_priority_max(Interop.Sched.SCHED_OTHER));
        Assert.Equal(1, Interop.Sched.sched_get_priority_min(Interop.Sched.SCHED_FIFO));
        Assert.Equal(99, Interop.Sched.sched_get_priority_max(Interop.Sched.SCHED_FIFO));
    }

    [Fact]
    public void Monotonic_clock_and_absolute_sleep_agree_with_stopwatch()
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        long start = Interop.Time.MonotonicNanoseconds();
        Interop.Time.SleepUntil(start + 50_000_000);
        long slept = Interop.Time.MonotonicNanoseconds() - start;
        Assert.InRange(slept, 50_000_000, 500_000_000);
        Assert.InRange(watch.Elapsed.TotalMilliseconds, 45, 600);
    }

    [Fact]
    public void Fifo_request_either_takes_effect_or_is_refused_cleanly()
    {
        RealtimeResult result = default;
        (int Policy, int Priority) after = default;
        var thread = new Thread(() =>
        {
            result = RealtimeScheduling.TryEnableFifo(500); // out of range: clamped to 99
            after = RealtimeScheduling.Current();
        });
        thread.Start();
        thread.Join();
        if (result.IsEnabled)
        {
            Assert.Equal((Interop.Sched.SCHED_FIFO, 99), after);
            Assert.Equal("SCHED_FIFO priority 99", result.ToString());
        }
        else
        {
            Assert.Equal(RealtimeOutcome.NotPermitted, result.Outcome);
            Assert.Equal(Interop.Sched.SCHED_OTHER, after.Policy);
            Assert.Contains("normal priority", result.ToString());
        }
    }
}
