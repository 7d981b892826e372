using Mimiumd.Osc;
using Mimiumd.Tests.EndToEnd.Harness;

namespace Mimiumd.Tests.EndToEnd;

/// <summary>/mimium/stop, /mimium/play, /mimium/pause and /mimium/panic on a program whose output shows its own time.</summary>
public class TransportTests
{
    /// <summary>A ramp rising by 1e-5 per sample (0.48 per second): its value tells how long it has run.</summary>
    private const string Ramp = "fn ramp(){ self + 0.00001 }\nfn dsp(){\n    let p = ramp()\n    (p, p)\n}\n";

    private static async Task<float> RunUntilAsync(TestDaemon daemon, float level)
    {
        await Wait.UntilAsync(() => daemon.Tap.Last(0) > level, $"the ramp passes {level}");
        return daemon.Tap.Last(0);
    }

    /// <summary>Waits for <paramref name="periods"/> blocks and asserts every one of them was silent.</summary>
    private static async Task AssertSilentForAsync(TestDaemon daemon, int periods)
    {
        // The block being rendered when the command arrived may still carry sound.
        await Wait.UntilAsync(() => daemon.Tap.LastBlockPeak == 0, "the output falls silent");
        var blocks = daemon.Tap.Blocks;
        var silent = daemon.Tap.SilentBlocks;
        await Wait.ForPeriodsAsync(daemon, periods);
        Assert.Equal(daemon.Tap.Blocks - blocks, daemon.Tap.SilentBlocks - silent);
    }

    [Fact]
    public async Task Stop_silences_and_play_restarts_from_fresh_state()
    {
        await using var daemon = await TestDaemon.StartAsync(new() { Program = Ramp });
        var client = await daemon.UdpClientAsync();
        var beforeStop = await RunUntilAsync(daemon, 0.1f);

        Assert.Equal(new OscMessage("/done", "/mimium/stop", "stopped"), await client.AskAsync("/mimium/stop"));
        Assert.Equal("stopped", (await client.AskAsync("/mimium/status")).Str(0));
        await AssertSilentForAsync(daemon, 20);

        Assert.Equal(0, daemon.Tap.Drops);
        Assert.Equal(new OscMessage("/done", "/mimium/play", "playing"), await client.AskAsync("/mimium/play"));
        await Wait.UntilAsync(() => daemon.Tap.LastBlockPeak > 0, "sound comes back");
        var afterPlay = daemon.Tap.FirstAudibleAfterSilence;
        // The first block after the restart ends at sample 256 of a fresh ramp.
        Assert.True(afterPlay < 0.01f, $"the ramp restarted from 0: {afterPlay} after play, {beforeStop} before stop");
        Assert.Equal(1, daemon.Tap.Drops);
        Assert.Equal("playing", (await client.AskAsync("/mimium/status")).Str(0));
        Assert.Equal(Ramp, (await client.AskAsync("/mimium/code/get")).Str(0));
    }

    [Fact]
    public async Task Pause_freezes_time_silently_and_play_resumes_where_it_was()
    {
        await using var daemon = await TestDaemon.StartAsync(new() { Program = Ramp });
        var client = await daemon.UdpClientAsync();
        await RunUntilAsync(daemon, 0.05f);

        Assert.Equal(new OscMessage("/done", "/mimium/pause", "paused"), await client.AskAsync("/mimium/pause"));
        await AssertSilentForAsync(daemon, 40);
        var atPause = daemon.Tap.LastAudible(0);

        Assert.Equal(new OscMessage("/done", "/mimium/play", "playing"), await client.AskAsync("/mimium/play"));
        await Wait.UntilAsync(() => daemon.Tap.LastBlockPeak > 0, "sound comes back");
        var resumed = daemon.Tap.FirstAudibleAfterSilence;
        // One block on from where it stopped; 40 silent periods would have moved a running ramp by ≈ 0.1.
        Assert.True(resumed > atPause && resumed - atPause < 0.01f, $"the ramp resumed at {resumed} after pausing at {atPause}");
        Assert.Equal(0, daemon.Tap.Drops);
    }

    [Fact]
    public async Task Pause_while_stopped_stays_stopped_and_play_while_playing_changes_nothing()
    {
        await using var daemon = await TestDaemon.StartAsync(new() { Program = Ramp });
        var client = await daemon.UdpClientAsync();
        await RunUntilAsync(daemon, 0.02f);

        Assert.Equal(new OscMessage("/done", "/mimium/play", "playing"), await client.AskAsync("/mimium/play"));
        Assert.Equal(1, daemon.Engine.Live.Version);
        await Wait.ForPeriodsAsync(daemon, 3);
        Assert.True(daemon.Tap.Drops == 0, "play while playing must not restart the ramp");

        await client.AskAsync("/mimium/stop");
        Assert.Equal(new OscMessage("/done", "/mimium/pause", "stopped"), await client.AskAsync("/mimium/pause"));
        await AssertSilentForAsync(daemon, 5);
    }

    [Fact]
    public async Task Panic_clears_the_state_and_plays_again()
    {
        await using var daemon = await TestDaemon.StartAsync(new() { Program = Ramp });
        var client = await daemon.UdpClientAsync();
        var before = await RunUntilAsync(daemon, 0.1f);

        Assert.Equal(0, daemon.Tap.Drops);

        Assert.Equal(new OscMessage("/done", "/mimium/panic", "playing"), await client.AskAsync("/mimium/panic"));
        await Wait.UntilAsync(() => daemon.Tap.Drops == 1, $"the ramp restarts (it was at {before})");
        await Wait.ForPeriodsAsync(daemon, 5);
        Assert.Equal(1, daemon.Tap.Drops);
    }

    [Fact]
    public async Task A_push_while_stopped_is_taken_and_plays_after_play()
    {
        await using var daemon = await TestDaemon.StartAsync(new() { Program = Ramp });
        var client = await daemon.UdpClientAsync();
        await client.AskAsync("/mimium/stop");

        OscAsk.AssertDone(await client.AskAsync("/mimium/code", "fn dsp(){ (0.5, 0.5) }\n"), "/mimium/code");
        await AssertSilentForAsync(daemon, 5);

        await client.AskAsync("/mimium/play");
        await Wait.UntilAsync(() => daemon.Tap.Last(0) == 0.5f, "the program pushed while stopped plays");
    }
}
