using System.Globalization;
using Mimiumd.Osc;
using Mimiumd.Tests.EndToEnd.Harness;

namespace Mimiumd.Tests.EndToEnd;

/// <summary>The daemon driven and observed by liblo's oscsend and oscdump.</summary>
public class LibloClientTests
{
    private const string Program = "fn dsp(){\n    let g = Control!(\"gain\", 0.5)\n    (g, g)\n}\n";

    private static string Port(TestDaemon daemon) => daemon.Udp.Port.ToString(CultureInfo.InvariantCulture);

    [LibloFact]
    public async Task Oscsend_sets_a_parameter_both_ways_of_addressing_it()
    {
        await using var daemon = await TestDaemon.StartAsync(new() { Program = Program });

        await LibloTools.OscSendAsync("127.0.0.1", Port(daemon), "/mimium/param", "sf", "gain", "0.3");
        await Wait.UntilAsync(() => daemon.Engine.Parameters.Latest("gain", 0) == 0.3f, "oscsend's /mimium/param sf gain 0.3 arrives");
        await Wait.UntilAsync(() => daemon.Tap.Last(0) == 0.3f, "gain 0.3 is heard");

        // mimium's own convention, as the README shows it: /gain f 0.
        await LibloTools.OscSendAsync("127.0.0.1", Port(daemon), "/gain", "f", "0");
        await Wait.UntilAsync(() => daemon.Tap.Last(0) == 0f, "/gain f 0 silences the program");

        await LibloTools.OscSendAsync("127.0.0.1", Port(daemon), "/gain", "d", "0.25");
        await Wait.UntilAsync(() => daemon.Tap.Last(0) == 0.25f, "/gain d 0.25 is heard");
    }

    [LibloFact]
    public async Task Oscsend_pushes_code_over_udp_and_over_tcp()
    {
        await using var daemon = await TestDaemon.StartAsync(new() { Program = Program });
        const string mono = "fn dsp(){ 0.5 }";

        await LibloTools.OscSendAsync("127.0.0.1", Port(daemon), "/mimium/code", "s", mono);
        await Wait.UntilAsync(() => daemon.Engine.Live.Source == mono, "oscsend's program is running");
        Assert.Equal(2, daemon.Engine.Live.Version);
        // One output channel: the second device channel is silent.
        await Wait.UntilAsync(() => daemon.Tap.Last(0) == 0.5f && daemon.Tap.Last(1) == 0f, "the mono program is heard on the first channel");

        // liblo frames TCP with a length prefix.
        const string stereo = "fn dsp(){ (0.125, 0.375) }";
        await LibloTools.OscSendAsync($"osc.tcp://127.0.0.1:{Port(daemon)}", "/mimium/code", "s", stereo);
        await Wait.UntilAsync(() => daemon.Engine.Live.Source == stereo, "oscsend's TCP push is running");
        await Wait.UntilAsync(() => daemon.Tap.Last(0) == 0.125f && daemon.Tap.Last(1) == 0.375f, "the TCP-pushed program is heard");
    }

    [LibloFact]
    public async Task Oscdump_on_a_subscribed_port_prints_the_daemons_notifications()
    {
        await using var daemon = await TestDaemon.StartAsync(new() { Program = Program });
        int port;
        using (var subscriber = new RawUdp())
        {
            port = subscriber.LocalEndPoint.Port;
            subscriber.Send(new OscMessage("/mimium/notify", 1), daemon.Udp);
            var replies = await subscriber.CollectAsync(m => m.Address == "/done", TimeSpan.Zero);
            Assert.Equal(new OscMessage("/done", "/mimium/notify", 1), replies[^1]);
        }

        using var dump = new OscDump(port);
        var control = await daemon.UdpClientAsync();

        var transport = await dump.TriggerUntilPrintedAsync(() => control.AskAsync("/mimium/stop"), "/mimium/notify/transport");
        Assert.EndsWith("/mimium/notify/transport s \"stopped\"", transport);

        var program = await dump.TriggerUntilPrintedAsync(() => control.AskAsync("/mimium/code", "fn dsp(){ (0.0, 0.0) }"), "/mimium/notify/program");
        Assert.Contains("/mimium/notify/program is ", program);
    }
}
