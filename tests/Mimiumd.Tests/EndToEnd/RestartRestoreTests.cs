using Mimiumd.Engine;
using System.Globalization;
using Mimiumd.Osc;
using Mimiumd.Osc.Transport;
using Mimiumd.Tests.EndToEnd.Harness;

namespace Mimiumd.Tests.EndToEnd;

/// <summary>A restarted daemon (same state directory, no Mimiumd:Program) resumes what was playing.</summary>
public class RestartRestoreTests
{
    private const string Pushed = "fn dsp(){\n    let g = Control!(\"gain\", 0.5)\n    let (l, r) = Control!(\"pan\", (1.0, 1.0))\n    (g * l, g * r)\n}\n";

    [Fact]
    public async Task After_a_restart_the_pushed_program_plays_with_the_parameter_values_last_set()
    {
        using var state = new TempDirectory();
        await using (var first = await TestDaemon.StartAsync(new() { StateDirectory = state.Path }))
        {
            Assert.Equal(DaemonEngine.DefaultProgram, first.Engine.Live.Source);
            var client = await first.UdpClientAsync();
            OscAsk.AssertDone(await client.AskAsync("/mimium/code", Pushed), "/mimium/code");
            OscAsk.AssertDone(await client.AskAsync("/gain", 0.5f), "/gain");
            OscAsk.AssertDone(await client.AskAsync("/pan", 0.25f, 0.75f), "/pan");
            await Wait.UntilAsync(() => first.Tap.Last(0) == 0.125f && first.Tap.Last(1) == 0.375f, "the set values are heard");
            // Stopped right away: the shutdown itself must save the values, not only the periodic flush.
            await first.StopAsync();
        }

        await using var second = await TestDaemon.StartAsync(new() { StateDirectory = state.Path });

        Assert.Equal(Pushed, second.Engine.Live.Source);
        Assert.Equal(1, second.Engine.Live.Version);
        Assert.Equal(0.5, second.Engine.Parameters.Latest("gain", 0));
        Assert.Equal(0.25, second.Engine.Parameters.Latest("pan", 0));
        Assert.Equal(0.75, second.Engine.Parameters.Latest("pan", 1));
        await Wait.UntilAsync(() => second.Tap.Last(0) == 0.125f && second.Tap.Last(1) == 0.375f, "the restored values are heard");
        var client2 = await second.UdpClientAsync();
        Assert.Equal(new OscMessage("/mimium/code.reply", Pushed, 1), await client2.AskAsync("/mimium/code/get"));
    }

    [Fact]
    public async Task A_rejected_push_is_not_saved_so_a_restart_resumes_the_last_good_program()
    {
        using var state = new TempDirectory();
        await using (var first = await TestDaemon.StartAsync(new() { StateDirectory = state.Path }))
        {
            var client = await first.UdpClientAsync();
            OscAsk.AssertDone(await client.AskAsync("/mimium/code", Pushed), "/mimium/code");
            OscAsk.AssertFail(await client.AskAsync("/mimium/code", "fn dsp(){ broken( }\n"), "/mimium/code");
            await first.StopAsync();
        }
        Assert.Equal(Pushed, File.ReadAllText(Path.Combine(state.Path, ProgramStore.ProgramFile)));
        Assert.False(File.Exists(Path.Combine(state.Path, ProgramStore.ProgramFile + ".tmp")));

        await using var second = await TestDaemon.StartAsync(new() { StateDirectory = state.Path });

        Assert.Equal(Pushed, second.Engine.Live.Source);
    }

    [Fact]
    public async Task A_restart_on_the_same_fixed_port_binds_again_right_after_tcp_clients_were_served()
    {
        using var state = new TempDirectory();
        int port;
        OscClient tcp;
        await using (var first = await TestDaemon.StartAsync(new() { StateDirectory = state.Path }))
        {
            port = first.Udp.Port;
            // Connected while the daemon shuts down, so the daemon closes the connection first
            // (its side of the connection then lingers in TIME_WAIT, as under systemd's Restart=).
            tcp = await OscClient.ConnectTcpAsync(first.Tcp, OscTcpFraming.Slip);
            Assert.Equal(new OscMessage("/mimium/synced", 1), await tcp.AskAsync("/mimium/sync", 1));
            await first.StopAsync();
        }
        await tcp.DisposeAsync();

        await using var second = await TestDaemon.StartAsync(new()
        {
            StateDirectory = state.Path,
            Settings = new Dictionary<string, string?> { ["Mimiumd:Osc:Port"] = port.ToString(CultureInfo.InvariantCulture) },
        });

        Assert.Equal(port, second.Tcp.Port);
        var again = await second.TcpClientAsync(OscTcpFraming.Slip);
        Assert.Equal(new OscMessage("/mimium/synced", 2), await again.AskAsync("/mimium/sync", 2));
    }
}
