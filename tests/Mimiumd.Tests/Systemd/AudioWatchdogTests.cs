using Mimiumd.Systemd;

namespace Mimiumd.Tests.Systemd;

public sealed class AudioWatchdogTests
{
    private const string TenSeconds = "10000000";

    [Fact]
    public void Interval_is_half_of_WATCHDOG_USEC()
    {
        using var notify = new SdNotify("/run/systemd/notify", TenSeconds);
        var dog = new AudioWatchdog(notify, () => 0);
        Assert.True(dog.WatchdogEnabled);
        Assert.Equal(TimeSpan.FromSeconds(5), dog.Interval);

        using var off = new SdNotify("/run/systemd/notify");
        var statusOnly = new AudioWatchdog(off, () => 0, () => "s");
        Assert.False(statusOnly.WatchdogEnabled);
        Assert.Equal(AudioWatchdog.DefaultStatusInterval, statusOnly.Interval);

        Assert.Equal(TimeSpan.FromMilliseconds(20), new AudioWatchdog(notify, () => 0, interval: TimeSpan.FromMilliseconds(20)).Interval);
        Assert.Throws<ArgumentOutOfRangeException>(() => new AudioWatchdog(notify, () => 0, interval: TimeSpan.Zero));
    }

    [Fact]
    public void Pings_only_when_the_counter_has_advanced_since_the_last_ping()
    {
        using var server = NotifySocket.BindPath();
        using var notify = new SdNotify(server.Address, TenSeconds);
        long periods = 100;
        var dog = new AudioWatchdog(notify, () => Interlocked.Read(ref periods));

        // Nothing happened since construction: a live timer thread alone must not ping.
        Assert.False(dog.Tick());
        Assert.Empty(server.Drain());
        Assert.Equal(1, dog.ConsecutiveStalls);

        periods += 187;
        Assert.True(dog.Tick());
        Assert.Equal(["WATCHDOG=1"], server.Drain());
        Assert.Equal(0, dog.ConsecutiveStalls);

        // Audio thread stalls: no pings, however often we tick.
        for (int i = 0; i < 5; i++)
            Assert.False(dog.Tick());
        Assert.Empty(server.Drain());
        Assert.Equal(5, dog.ConsecutiveStalls);
        Assert.Equal(6, dog.WithheldPings);

        // It recovers: pings resume.
        periods++;
        Assert.True(dog.Tick());
        periods++;
        Assert.True(dog.Tick());
        Assert.Equal(["WATCHDOG=1", "WATCHDOG=1"], server.Drain());
        Assert.Equal(3, dog.Pings);
        Assert.Equal(0, dog.ConsecutiveStalls);
    }

    [Fact]
    public void A_counter_that_restarts_from_zero_still_counts_as_progress()
    {
        using var server = NotifySocket.BindPath();
        using var notify = new SdNotify(server.Address, TenSeconds);
        long periods = 5000;
        var dog = new AudioWatchdog(notify, () => periods);
        periods = 3; // a new audio loop after the device was reopened
        Assert.True(dog.Tick());
        Assert.Equal(["WATCHDOG=1"], server.Drain());
    }

    [Fact]
    public void Status_is_sent_with_the_ping_and_when_it_changes_also_while_stalled()
    {
        using var server = NotifySocket.BindPath();
        using var notify = new SdNotify(server.Address, TenSeconds);
        long periods = 0;
        string status = "playing, 0 xruns";
        var dog = new AudioWatchdog(notify, () => periods, () => status);

        periods = 10;
        Assert.True(dog.Tick());
        Assert.Equal(["WATCHDOG=1\nSTATUS=playing, 0 xruns"], server.Drain());

        periods = 20; // same status: not repeated
        Assert.True(dog.Tick());
        Assert.Equal(["WATCHDOG=1"], server.Drain());

        status = "audio stalled\nfor 5 s"; // stalled: status goes out, the ping does not
        Assert.False(dog.Tick());
        Assert.Equal(["STATUS=audio stalled for 5 s"], server.Drain());

        Assert.False(dog.Tick()); // nothing new at all
        Assert.Empty(server.Drain());
    }

    [Fact]
    public void Without_a_watchdog_only_status_lines_are_sent()
    {
        using var server = NotifySocket.BindPath();
        using var notify = new SdNotify(server.Address); // no WATCHDOG_USEC
        long periods = 0;
        var dog = new AudioWatchdog(notify, () => periods, () => "up");

        periods = 1;
        Assert.False(dog.Tick());
        Assert.Equal(["STATUS=up"], server.Drain());
        Assert.Equal(0, dog.Pings);
        Assert.Equal(0, dog.WithheldPings);
    }

    [Fact]
    public void Throwing_callbacks_count_as_no_progress_and_no_status()
    {
        using var server = NotifySocket.BindPath();
        using var notify = new SdNotify(server.Address, TenSeconds);
        bool fail = false;
        long periods = 0;
        var dog = new AudioWatchdog(notify,
            () => fail ? throw new InvalidOperationException("audio loop disposed") : periods,
            () => fail ? throw new InvalidOperationException("formatter bug") : "ok");

        periods = 1;
        Assert.True(dog.Tick());
        Assert.Equal(["WATCHDOG=1\nSTATUS=ok"], server.Drain());

        fail = true;
        periods = 2;
        Assert.False(dog.Tick());
        Assert.Empty(server.Drain());

        fail = false;
        Assert.True(dog.Tick()); // 2 != 1: the progress made meanwhile is seen now
        Assert.Equal(["WATCHDOG=1"], server.Drain());
    }

    [Fact]
    public void An_undelivered_ping_is_retried_at_the_next_tick()
    {
        var server = NotifySocket.BindAbstract();
        string address = server.Address;
        using var notify = new SdNotify(address, TenSeconds);
        long periods = 0;
        var dog = new AudioWatchdog(notify, () => periods);

        server.Dispose();
        periods = 1;
        Assert.False(dog.Tick()); // nobody listening
        Assert.Equal(0, dog.Pings);

        using var again = NotifySocket.BindAbstractAt(address);
        Assert.True(dog.Tick()); // no new progress since, but the last *ping* was before it
        Assert.Equal(["WATCHDOG=1"], again.Drain());
    }

    [Fact]
    public async Task RunAsync_pings_while_the_counter_moves_and_stops_when_it_stalls()
    {
        using var server = NotifySocket.BindPath();
        using var notify = new SdNotify(server.Address, TenSeconds);
        long periods = 0;
        var dog = new AudioWatchdog(notify, () => Interlocked.Read(ref periods), interval: TimeSpan.FromMilliseconds(20));

        using var cts = new CancellationTokenSource();
        using var audio = new Timer(_ => Interlocked.Increment(ref periods), null, 0, 2);
        var run = dog.RunAsync(cts.Token);

        Assert.Equal("WATCHDOG=1", server.Receive());
        Assert.Equal("WATCHDOG=1", server.Receive());

        // The "audio thread" dies; the watchdog loop is still alive but must fall silent.
        await audio.DisposeAsync();
        await Task.Delay(100);
        server.Drain();
        long pingsBefore = dog.Pings;
        await Task.Delay(150);
        Assert.Empty(server.Drain());
        Assert.Equal(pingsBefore, dog.Pings);
        Assert.True(dog.ConsecutiveStalls >= 2);

        cts.Cancel();
        await run.WaitAsync(TimeSpan.FromSeconds(5)); // completes normally on cancellation
    }

    [Fact]
    public async Task RunAsync_returns_at_once_when_there_is_nothing_to_do()
    {
        using var disabled = new SdNotify(null, TenSeconds);
        await new AudioWatchdog(disabled, () => 0).RunAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5));

        using var noWatchdogNoStatus = new SdNotify("/run/systemd/notify");
        await new AudioWatchdog(noWatchdogNoStatus, () => 0).RunAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void Without_NOTIFY_SOCKET_ticks_are_silent()
    {
        using var notify = new SdNotify(null, TenSeconds);
        long periods = 0;
        var dog = new AudioWatchdog(notify, () => periods, () => "s");
        periods = 1;
        Assert.False(dog.Tick());
        Assert.Equal(0, dog.Pings);
    }
}
