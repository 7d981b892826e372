using Mimiumd.Control;
using Mimiumd.Osc;
using Mimiumd.Osc.Transport;
using Mimiumd.Tests.EndToEnd.Harness;

namespace Mimiumd.Tests.EndToEnd;

/// <summary>Status, version, sync, code/get and unknown addresses.</summary>
public class IntrospectionTests
{
    private const string Program = "fn dsp(){ (0.25, 0.25) }\n";

    [Fact]
    public async Task Status_reply_has_the_13_documented_fields_in_order()
    {
        await using var daemon = await TestDaemon.StartAsync(new() { Program = Program });
        var client = await daemon.UdpClientAsync();
        await Wait.ForPeriodsAsync(daemon, 10);

        var status = await client.AskAsync("/mimium/status");

        Assert.Equal("/mimium/status.reply", status.Address);
        Assert.Equal(",sififfissdiii", status.TypeTags);
        var a = status.Args;
        Assert.Equal("playing", status.Str(0));
        Assert.Equal(new OscArgument.Int32(1), a[1]);
        Assert.Equal(new OscArgument.Float32(48000f), a[2]);
        Assert.Equal(new OscArgument.Int32(256), a[3]);
        var cpuAverage = ((OscArgument.Float32)a[4]).Value;
        var cpuPeak = ((OscArgument.Float32)a[5]).Value;
        Assert.InRange(cpuAverage, 0f, 1000f);
        Assert.InRange(cpuPeak, cpuAverage, float.MaxValue);
        Assert.True(status.Int(6) >= 0);
        Assert.Equal("running", status.Str(7));
        Assert.Equal("null", status.Str(8));
        var uptime = ((OscArgument.Float64)a[9]).Value;
        Assert.InRange(uptime, 0.0, 600.0);
        Assert.Equal(0, status.Int(10));
        Assert.Equal(0, status.Int(11));
        Assert.Equal(0, status.Int(12));

        // The same snapshot the host reports in-process.
        Assert.Equal(daemon.Osc.Status().ToMessage().TypeTags, status.TypeTags);
        await Task.Delay(50);
        var later = await client.AskAsync("/mimium/status");
        Assert.True(((OscArgument.Float64)later.Args[9]).Value > uptime, "uptime grows");
    }

    [Fact]
    public async Task Version_sync_and_code_get_reply_as_documented()
    {
        await using var daemon = await TestDaemon.StartAsync(new() { Program = Program });
        var client = await daemon.UdpClientAsync();

        var version = await client.AskAsync("/mimium/version");
        Assert.Equal("/mimium/version.reply", version.Address);
        Assert.Equal(",sss", version.TypeTags);
        Assert.Equal("mimiumd", version.Str(0));
        Assert.Equal(OscRouter.Version, version.Str(1));

        Assert.Equal(new OscMessage("/mimium/synced", 42), await client.AskAsync("/mimium/sync", 42));
        Assert.Equal(new OscMessage("/mimium/synced", 7), await client.AskAsync("/mimium/sync", 7L));
        Assert.Equal(new OscMessage("/mimium/synced", -3), await client.AskAsync("/mimium/sync", -3f));
        Assert.Equal("/fail", (await client.AskAsync("/mimium/sync", 2.5)).Address);

        Assert.Equal(new OscMessage("/mimium/code.reply", Program, 1), await client.AskAsync("/mimium/code/get"));
    }

    [Fact]
    public async Task Sync_never_echoes_a_different_id()
    {
        await using var daemon = await TestDaemon.StartAsync(new() { Program = Program });
        var client = await daemon.UdpClientAsync();

        var reply = await client.AskAsync("/mimium/sync", 5_000_000_000L);

        Assert.True(reply == new OscMessage("/mimium/synced", 5_000_000_000L) || reply.Address == "/fail", $"got {reply}");
    }

    [Theory]
    [InlineData("/mimium/bogus")]
    [InlineData("/mimium")]
    [InlineData("/mimium/code/get/more")]
    [InlineData("/mimium/statuses")]
    [InlineData("/no/such/thing")]
    [InlineData("/gain")]
    public async Task Unknown_addresses_fail_with_not_found(string address)
    {
        // The program declares no parameters, so /gain is unknown here.
        await using var daemon = await TestDaemon.StartAsync(new() { Program = Program });
        var client = await daemon.UdpClientAsync();

        Assert.Equal(new OscMessage("/fail", address, "not found"), await client.AskAsync(address, 1));
    }

    [Theory]
    [InlineData(OscTcpFraming.Slip)]
    [InlineData(OscTcpFraming.LengthPrefixed)]
    public async Task Tcp_clients_get_the_same_replies_in_their_own_framing(OscTcpFraming framing)
    {
        await using var daemon = await TestDaemon.StartAsync(new() { Program = Program });
        Assert.Equal(daemon.Udp.Port, daemon.Tcp.Port);
        var client = await daemon.TcpClientAsync(framing);

        Assert.Equal(new OscMessage("/mimium/synced", 5), await client.AskAsync("/mimium/sync", 5));
        Assert.Equal(",sififfissdiii", (await client.AskAsync("/mimium/status")).TypeTags);
        Assert.Equal(new OscMessage("/mimium/code.reply", Program, 1), await client.AskAsync("/mimium/code/get"));
    }
}

/// <summary>/mimium/notify subscriptions and the events subscribers hear.</summary>
public class NotifyTests
{
    private const string Program = "fn dsp(){ (0.25, 0.25) }\n";

    private static Task<OscMessage> HearAsync(OscClient subscriber, string address) =>
        subscriber.WaitForMessageAsync(m => m.Address == address, OscAsk.ReplyTimeout);

    [Fact]
    public async Task A_subscriber_hears_program_changes_compile_errors_and_transport_changes_caused_by_another_client()
    {
        await using var daemon = await TestDaemon.StartAsync(new() { Program = Program });
        var subscriber = await daemon.UdpClientAsync();
        var other = await daemon.UdpClientAsync();

        Assert.Equal(new OscMessage("/done", "/mimium/notify", 1), await subscriber.AskAsync("/mimium/notify", 1));
        Assert.Equal(1, (await other.AskAsync("/mimium/status")).Int(12));

        OscAsk.AssertDone(await other.AskAsync("/mimium/code", "fn dsp(){ (0.5, 0.5) }\n"), "/mimium/code");
        var program = await HearAsync(subscriber, "/mimium/notify/program");
        Assert.Equal(",is", program.TypeTags);
        Assert.Equal(2, program.Int(0));
        Assert.Contains("version 2", program.Str(1));

        OscAsk.AssertFail(await other.AskAsync("/mimium/code", "fn dsp(){\n  (0.5, oops)\n}\n"), "/mimium/code");
        var error = await HearAsync(subscriber, "/mimium/notify/compile_error");
        Assert.Equal(",sii", error.TypeTags);
        Assert.Contains("oops", error.Str(0));
        Assert.Equal(2, error.Int(1));
        Assert.Equal(9, error.Int(2));

        await other.AskAsync("/mimium/stop");
        Assert.Equal(new OscMessage("/mimium/notify/transport", "stopped"), await HearAsync(subscriber, "/mimium/notify/transport"));
        await other.AskAsync("/mimium/play");
        Assert.Equal(new OscMessage("/mimium/notify/transport", "playing"), await HearAsync(subscriber, "/mimium/notify/transport"));

        // The client that caused the events did not subscribe and hears none of them.
        await Assert.ThrowsAsync<TimeoutException>(() => other.WaitForMessageAsync(m => m.Address.StartsWith("/mimium/notify/", StringComparison.Ordinal), TimeSpan.FromMilliseconds(200)));
    }

    [Fact]
    public async Task Registering_twice_fails_and_unregistering_works_once()
    {
        await using var daemon = await TestDaemon.StartAsync(new() { Program = Program });
        var client = await daemon.UdpClientAsync();

        OscAsk.AssertDone(await client.AskAsync("/mimium/notify", 1), "/mimium/notify");
        Assert.Equal(new OscMessage("/fail", "/mimium/notify", "already registered"), await client.AskAsync("/mimium/notify", 1));
        Assert.Equal(new OscMessage("/done", "/mimium/notify", 0), await client.AskAsync("/mimium/notify", 0));
        Assert.Equal(new OscMessage("/fail", "/mimium/notify", "not registered"), await client.AskAsync("/mimium/notify", 0));

        // Unsubscribed: no more events.
        await client.AskAsync("/mimium/stop");
        await Assert.ThrowsAsync<TimeoutException>(() => client.WaitForMessageAsync(m => m.Address == "/mimium/notify/transport", TimeSpan.FromMilliseconds(200)));
    }

    [Fact]
    public async Task Subscribers_are_bounded_by_MaxNotifyClients()
    {
        await using var daemon = await TestDaemon.StartAsync(new()
        {
            Program = Program,
            Settings = new Dictionary<string, string?> { ["Mimiumd:Osc:MaxNotifyClients"] = "2" },
        });
        var a = await daemon.UdpClientAsync();
        var b = await daemon.TcpClientAsync(OscTcpFraming.Slip);
        var c = await daemon.UdpClientAsync();

        Assert.Equal(new OscMessage("/done", "/mimium/notify", 1), await a.AskAsync("/mimium/notify", 1));
        Assert.Equal(new OscMessage("/done", "/mimium/notify", 2), await b.AskAsync("/mimium/notify", 1));
        Assert.Equal(new OscMessage("/fail", "/mimium/notify", "too many clients"), await c.AskAsync("/mimium/notify", 1));
        Assert.Equal(2, (await c.AskAsync("/mimium/status")).Int(12));

        Assert.Equal(new OscMessage("/done", "/mimium/notify", 1), await a.AskAsync("/mimium/notify", 0));
        Assert.Equal(new OscMessage("/done", "/mimium/notify", 2), await c.AskAsync("/mimium/notify", 1));

        // Both subscribers, on either transport, hear the next event.
        await a.AskAsync("/mimium/pause");
        Assert.Equal(new OscMessage("/mimium/notify/transport", "paused"), await HearAsync(b, "/mimium/notify/transport"));
        Assert.Equal(new OscMessage("/mimium/notify/transport", "paused"), await HearAsync(c, "/mimium/notify/transport"));
    }

    [Fact]
    public async Task A_tcp_subscriber_that_disconnects_frees_its_slot()
    {
        await using var daemon = await TestDaemon.StartAsync(new() { Program = Program });
        var other = await daemon.UdpClientAsync();
        await using (var tcp = await OscClient.ConnectTcpAsync(daemon.Tcp, OscTcpFraming.LengthPrefixed))
        {
            OscAsk.AssertDone(await tcp.AskAsync("/mimium/notify", 1), "/mimium/notify");
        }

        // Events are what discover a dead subscriber; a few must be enough.
        for (var i = 0; i < 20 && (await other.AskAsync("/mimium/status")).Int(12) != 0; i++)
        {
            await other.AskAsync(i % 2 == 0 ? "/mimium/pause" : "/mimium/play");
            await Task.Delay(20);
        }
        Assert.Equal(0, (await other.AskAsync("/mimium/status")).Int(12));
    }
}
