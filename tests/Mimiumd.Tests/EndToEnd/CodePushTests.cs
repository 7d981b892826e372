using System.Text.RegularExpressions;
using Mimiumd.Audio;
using Mimiumd.Osc;
using Mimiumd.Tests.EndToEnd.Harness;

namespace Mimiumd.Tests.EndToEnd;

/// <summary>`/mimium/code` over UDP: accepted pushes change what plays; rejected ones leave it alone.</summary>
public class CodePushTests
{
    private const string Quarter = "fn dsp(){ (0.25, 0.25) }\n";
    private const string Half = "fn dsp(){ (0.5, 0.5) }\n";

    [Fact]
    public async Task Udp_push_is_done_with_the_new_version_and_the_recording_holds_both_levels_in_order()
    {
        await using var daemon = await TestDaemon.StartAsync(new() { Program = Quarter, Output = "wav" });
        var client = await daemon.UdpClientAsync();
        await Wait.UntilAsync(() => daemon.Tap.Last(0) == 0.25f, "the first program is heard");
        await Wait.ForPeriodsAsync(daemon, 20);

        var reply = await client.AskAsync("/mimium/code", Half);

        OscAsk.AssertDone(reply, "/mimium/code");
        Assert.Equal(",siiiiff", reply.TypeTags);
        Assert.Equal(2, reply.Int(1));
        Assert.Equal(2, daemon.Engine.Live.Version);
        Assert.Equal(Half, daemon.Engine.Live.Source);
        await Wait.UntilAsync(() => daemon.Tap.Last(0) == 0.5f && daemon.Tap.Last(1) == 0.5f, "the pushed program is heard");
        await Wait.ForPeriodsAsync(daemon, 20);
        await daemon.StopAsync();

        var wav = WavReader.ReadFile(daemon.WavPath!);
        Assert.Equal(2, wav.Channels);
        Assert.Equal(48000, wav.SampleRate);
        var levels = Runs(wav.Samples, wav.Channels);
        // The file starts with the first program, then the pushed one; stopping adds silence at the end.
        Assert.True(levels.Count >= 2 && levels[0].Level == 0.25f && levels[1].Level == 0.5f,
            $"expected 0.25 then 0.5, got {string.Join(", ", levels.Select(l => $"{l.Level}×{l.Frames}"))}");
        Assert.True(levels[0].Frames >= 20 * 256 && levels[1].Frames >= 20 * 256);
        Assert.All(levels.Skip(2), l => Assert.Equal(0f, l.Level));
        Assert.Equal(wav.Samples.Where((_, i) => i % 2 == 0), wav.Samples.Where((_, i) => i % 2 == 1));
    }

    /// <summary>Consecutive frames with the same left-channel value.</summary>
    private static List<(float Level, int Frames)> Runs(float[] samples, int channels)
    {
        var runs = new List<(float Level, int Frames)>();
        for (var i = 0; i < samples.Length; i += channels)
        {
            if (runs.Count > 0 && runs[^1].Level == samples[i]) runs[^1] = (samples[i], runs[^1].Frames + 1);
            else runs.Add((samples[i], 1));
        }
        return runs;
    }

    [Fact]
    public async Task Broken_code_fails_with_line_column_and_caret_and_the_old_program_keeps_sounding()
    {
        await using var daemon = await TestDaemon.StartAsync(new() { Program = Quarter });
        var client = await daemon.UdpClientAsync();
        await Wait.UntilAsync(() => daemon.Tap.Last(0) == 0.25f, "the first program is heard");
        const string broken = "fn dsp(){\n    let x = 0.5\n    let yy = nowhere_defined * x\n    (yy, yy)\n}\n";

        var reply = await client.AskAsync("/mimium/code", broken);

        var message = OscAsk.AssertFail(reply, "/mimium/code");
        Assert.Equal(",ssii", reply.TypeTags);
        Assert.Equal(3, reply.Int(2));
        Assert.Equal(14, reply.Int(3));
        Assert.Contains(":3:14: error ", message);
        Assert.Contains("nowhere_defined", message);
        // The caret excerpt: the offending line, then a caret under column 14.
        Assert.Matches(new Regex(@"\n    let yy = nowhere_defined \* x\n {13}\^+$"), message);

        Assert.Equal(1, daemon.Engine.Live.Version);
        Assert.Equal(Quarter, daemon.Engine.Live.Source);
        var get = await client.AskAsync("/mimium/code/get");
        Assert.Equal(new OscMessage("/mimium/code.reply", Quarter, 1), get);
        var silentBefore = daemon.Tap.SilentBlocks;
        await Wait.ForPeriodsAsync(daemon, 10);
        Assert.Equal(0.25f, daemon.Tap.Last(0));
        Assert.Equal(silentBefore, daemon.Tap.SilentBlocks);
    }

    [Fact]
    public async Task A_program_that_faults_in_its_trial_block_is_rejected_and_the_old_program_keeps_sounding()
    {
        await using var daemon = await TestDaemon.StartAsync(new() { Program = Quarter });
        var client = await daemon.UdpClientAsync();
        await Wait.UntilAsync(() => daemon.Tap.Last(0) == 0.25f, "the first program is heard");
        const string runaway = "fn forever(x){ forever(x) + 1.0 }\nfn dsp(){ let v = forever(0.5)\n (v, v) }\n";

        var reply = await client.AskAsync("/mimium/code", runaway);

        OscAsk.AssertFail(reply, "/mimium/code");
        Assert.Equal(",ssii", reply.TypeTags);
        Assert.Equal(1, daemon.Engine.Live.Version);
        Assert.Equal(0, daemon.Engine.Live.FaultCount);
        await Wait.ForPeriodsAsync(daemon, 5);
        Assert.Equal(0.25f, daemon.Tap.Last(0));
    }

    [Fact]
    public async Task Successive_pushes_count_versions_up_and_code_get_returns_the_running_source()
    {
        await using var daemon = await TestDaemon.StartAsync(new() { Program = Quarter });
        var client = await daemon.UdpClientAsync();

        for (var i = 1; i <= 3; i++)
        {
            var source = $"fn dsp(){{ ({i}.0 / 8.0, 0.0) }}\n";
            var reply = await client.AskAsync("/mimium/code", source);
            OscAsk.AssertDone(reply, "/mimium/code");
            Assert.Equal(1 + i, reply.Int(1));
            Assert.Equal(new OscMessage("/mimium/code.reply", source, 1 + i), await client.AskAsync("/mimium/code/get"));
            await Wait.UntilAsync(() => daemon.Tap.Last(0) == i / 8f, $"level {i}/8 is heard");
        }
    }
}
