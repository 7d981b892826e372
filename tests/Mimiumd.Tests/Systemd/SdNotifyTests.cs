using Mimiumd.Systemd;

namespace Mimiumd.Tests.Systemd;

public sealed class SdNotifyTests
{
    [Fact]
    public void Sends_each_state_as_one_exact_datagram_to_a_path_socket()
    {
        using var server = NotifySocket.BindPath();
        using var notify = new SdNotify(server.Address);

        Assert.True(notify.IsEnabled);
        Assert.Equal(server.Address, notify.SocketAddress);

        Assert.True(notify.Ready());
        Assert.Equal("READY=1", server.Receive());
        Assert.True(notify.Status("playing sine.mmm, 0 xruns"));
        Assert.Equal("STATUS=playing sine.mmm, 0 xruns", server.Receive());
        Assert.True(notify.Watchdog());
        Assert.Equal("WATCHDOG=1", server.Receive());
        Assert.True(notify.Stopping());
        Assert.Equal("STOPPING=1", server.Receive());
        Assert.True(notify.WatchdogTrigger());
        Assert.Equal("WATCHDOG=trigger", server.Receive());
        Assert.Empty(server.Drain());
    }

    [Fact]
    public void Reaches_an_abstract_socket_named_with_a_leading_at()
    {
        using var server = NotifySocket.BindAbstract();
        Assert.StartsWith("@", server.Address);
        using var notify = new SdNotify(server.Address);

        Assert.True(notify.Ready());
        Assert.Equal("READY=1", server.Receive());
        Assert.True(notify.Status("abstract"));
        Assert.Equal("STATUS=abstract", server.Receive());
    }

    [Fact]
    public void Ready_with_status_and_generic_send_put_several_assignments_in_one_datagram()
    {
        using var server = NotifySocket.BindPath();
        using var notify = new SdNotify(server.Address);

        Assert.True(notify.Ready("listening on 127.0.0.1:57140"));
        Assert.Equal("READY=1\nSTATUS=listening on 127.0.0.1:57140", server.Receive());
        Assert.True(notify.Send("RELOADING=1\nMONOTONIC_USEC=12345"));
        Assert.Equal("RELOADING=1\nMONOTONIC_USEC=12345", server.Receive());
    }

    [Fact]
    public void Status_line_breaks_cannot_inject_other_assignments()
    {
        using var server = NotifySocket.BindPath();
        using var notify = new SdNotify(server.Address);

        Assert.True(notify.Status("line one\nREADY=1\r\nend"));
        Assert.Equal("STATUS=line one READY=1 end", server.Receive());
        Assert.True(notify.Status("ünïcødé ♪"));
        Assert.Equal("STATUS=ünïcødé ♪", server.Receive());
    }

    [Fact]
    public void Extend_timeout_is_in_microseconds()
    {
        using var server = NotifySocket.BindPath();
        using var notify = new SdNotify(server.Address);

        Assert.True(notify.ExtendTimeout(TimeSpan.FromSeconds(30)));
        Assert.Equal("EXTEND_TIMEOUT_USEC=30000000", server.Receive());
        Assert.True(notify.ExtendTimeout(TimeSpan.FromTicks(15))); // 1.5 µs rounds down
        Assert.Equal("EXTEND_TIMEOUT_USEC=1", server.Receive());
        Assert.Throws<ArgumentOutOfRangeException>(() => notify.ExtendTimeout(TimeSpan.FromSeconds(-1)));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Without_NOTIFY_SOCKET_every_call_is_a_silent_no_op(string? socket)
    {
        using var notify = new SdNotify(socket, watchdogUsec: "10000000");

        Assert.False(notify.IsEnabled);
        Assert.Null(notify.SocketAddress);
        Assert.False(notify.Ready());
        Assert.False(notify.Ready("x"));
        Assert.False(notify.Status("x"));
        Assert.False(notify.Stopping());
        Assert.False(notify.Watchdog());
        Assert.False(notify.ExtendTimeout(TimeSpan.FromSeconds(1)));
        Assert.False(notify.Send("READY=1"));
    }

    [Theory]
    [InlineData("relative/path")]
    [InlineData("@")]
    [InlineData("vsock:2:1234")]
    public void Unusable_addresses_disable_the_notifier(string socket)
    {
        using var notify = new SdNotify(socket);
        Assert.False(notify.IsEnabled);
        Assert.False(notify.Ready());
    }

    [Fact]
    public void A_path_longer_than_sun_path_disables_the_notifier()
    {
        using var notify = new SdNotify("/" + new string('x', 200));
        Assert.False(notify.IsEnabled);
        Assert.False(notify.Watchdog());
    }

    [Fact]
    public void Send_failures_return_false_and_never_throw()
    {
        string missing = Path.Combine(Path.GetTempPath(), "mmd-missing-" + Guid.NewGuid().ToString("N")[..8]);
        using (var notify = new SdNotify(missing))
        {
            Assert.True(notify.IsEnabled);
            Assert.False(notify.Ready());
            Assert.False(notify.Watchdog());
        }

        var server = NotifySocket.BindPath();
        using var notify2 = new SdNotify(server.Address);
        Assert.True(notify2.Status("up"));
        Assert.Equal("STATUS=up", server.Receive());
        server.Dispose(); // receiver gone, file removed
        Assert.False(notify2.Status("down"));
        Assert.False(notify2.Watchdog());

        notify2.Dispose();
        Assert.False(notify2.Ready()); // after Dispose too
        using var notify3 = new SdNotify(missing);
        Assert.False(notify3.Send(""));
    }

    [Fact]
    public void Recovers_when_the_receiver_comes_back()
    {
        using var first = NotifySocket.BindAbstract();
        using var notify = new SdNotify(first.Address);
        first.CloseReceiver();
        Assert.False(notify.Watchdog());

        // systemd re-executed and bound the same address again.
        using var second = NotifySocket.BindAbstractAt(first.Address);
        Assert.True(notify.Watchdog());
        Assert.Equal("WATCHDOG=1", second.Receive());
    }

    [Fact]
    public async Task Concurrent_senders_each_deliver_whole_datagrams()
    {
        using var server = NotifySocket.BindPath();
        using var notify = new SdNotify(server.Address);

        // Read while they send: like systemd, keep the (small, net.unix.max_dgram_qlen) queue moving.
        var got = new List<string>();
        // A dedicated thread: the senders below may occupy every thread-pool thread while they
        // wait for room in the socket queue, and the reader must not wait behind them.
        var reader = Task.Factory.StartNew(() =>
        {
            while (got.Count < 160)
                got.Add(server.Receive());
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        Parallel.For(0, 8, i =>
        {
            for (int j = 0; j < 20; j++)
                Assert.True(notify.Status($"t{i} n{j}"));
        });
        await reader.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(160, got.Count);
        Assert.Empty(server.Drain());
        Assert.All(got, d => Assert.Matches(@"^STATUS=t\d n\d+$", d));
    }

    [Theory]
    [InlineData("10000000", null, 4242, 10_000_000L)]
    [InlineData("10000000", "4242", 4242, 10_000_000L)]
    [InlineData(" 2500000 ", " 4242 ", 4242, 2_500_000L)]
    [InlineData("1", null, 4242, 1L)]
    public void Watchdog_interval_comes_from_WATCHDOG_USEC(string usec, string? pid, int ownPid, long expectedMicros)
    {
        using var notify = new SdNotify("/run/systemd/notify", usec, pid, ownPid);
        Assert.Equal(TimeSpan.FromMicroseconds(expectedMicros), notify.WatchdogInterval);
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("", null)]
    [InlineData("0", null)]
    [InlineData("-5", null)]
    [InlineData("ten", null)]
    [InlineData("10000000", "4243")] // someone else's watchdog (variables inherited from a parent)
    [InlineData("10000000", "not-a-pid")]
    public void Watchdog_interval_is_null_when_off_or_not_ours(string? usec, string? pid)
    {
        using var notify = new SdNotify("/run/systemd/notify", usec, pid, ownPid: 4242);
        Assert.Null(notify.WatchdogInterval);
    }

    [Fact]
    public void Watchdog_pid_defaults_to_this_process()
    {
        using var mine = new SdNotify("/run/systemd/notify", "5000000", Environment.ProcessId.ToString());
        Assert.Equal(TimeSpan.FromSeconds(5), mine.WatchdogInterval);
        using var other = new SdNotify("/run/systemd/notify", "5000000", (Environment.ProcessId + 1).ToString());
        Assert.Null(other.WatchdogInterval);
    }

    [Fact]
    public void Huge_WATCHDOG_USEC_is_clamped_instead_of_overflowing()
    {
        using var notify = new SdNotify("/run/systemd/notify", ulong.MaxValue.ToString());
        Assert.NotNull(notify.WatchdogInterval);
        Assert.True(notify.WatchdogInterval > TimeSpan.FromDays(10_000));
    }

    [Fact]
    public void Default_constructor_reads_the_process_environment()
    {
        // Only reads; the test host normally runs without NOTIFY_SOCKET.
        using var notify = SdNotify.FromEnvironment();
        Assert.Equal(Environment.GetEnvironmentVariable("NOTIFY_SOCKET") is { Length: > 0 }, notify.SocketAddress is not null);
    }
}
