using Mimiumd.Osc;
using Mimiumd.Tests.EndToEnd.Harness;

namespace Mimiumd.Tests.EndToEnd;

/// <summary>A program that faults while playing (after its trial block) falls silent until new code arrives.</summary>
public class FaultTests
{
    /// <summary>Recursion as deep as the sample count: fine for the trial block, a stack overflow after ~1000 samples.</summary>
    private const string LateOverflow =
        "fn deep(n){ if (n > 0.0) { deep(n - 1.0) + n * 0.0 } else { 0.0 } }\n" +
        "fn count(){ self + 1.0 }\n" +
        "fn dsp(){\n    let d = deep(count())\n    (0.25 + d, 0.25 + d)\n}\n";

    [Fact]
    public async Task A_runtime_fault_silences_the_program_is_counted_and_notified_and_new_code_recovers()
    {
        await using var daemon = await TestDaemon.StartAsync(new() { Program = "fn dsp(){ (0.5, 0.5) }\n" });
        var subscriber = await daemon.UdpClientAsync();
        var client = await daemon.UdpClientAsync();
        OscAsk.AssertDone(await subscriber.AskAsync("/mimium/notify", 1), "/mimium/notify");

        var reply = await client.AskAsync("/mimium/code", LateOverflow);
        OscAsk.AssertDone(reply, "/mimium/code");

        await Wait.UntilAsync(() => daemon.Engine.Live.FaultCount == 1, "the program faults");
        var fault = await subscriber.WaitForMessageAsync(m => m.Address == "/mimium/notify/fault", OscAsk.ReplyTimeout);
        Assert.Equal(",s", fault.TypeTags);
        Assert.NotEmpty(fault.Str(0));
        var status = await client.AskAsync("/mimium/status");
        Assert.Equal(1, status.Int(11));
        Assert.Equal("playing", status.Str(0));
        await Wait.UntilAsync(() => daemon.Tap.LastBlockPeak == 0, "the faulted program falls silent");
        var blocks = daemon.Tap.Blocks;
        var silent = daemon.Tap.SilentBlocks;
        await Wait.ForPeriodsAsync(daemon, 10);
        Assert.Equal(daemon.Tap.Blocks - blocks, daemon.Tap.SilentBlocks - silent);
        Assert.Equal(1, daemon.Engine.Live.FaultCount);

        OscAsk.AssertDone(await client.AskAsync("/mimium/code", "fn dsp(){ (0.125, 0.125) }\n"), "/mimium/code");
        await Wait.UntilAsync(() => daemon.Tap.Last(0) == 0.125f, "new code plays after the fault");
        Assert.Null(daemon.Engine.Live.Fault);
    }
}
