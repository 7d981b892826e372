using Mimiumd.Engine;
using Mimiumd.Osc;
using Mimiumd.Tests.EndToEnd.Harness;

namespace Mimiumd.Tests.EndToEnd;

/// <summary>
/// The audio thread's steady state must not allocate. Measured on the audio thread itself with
/// GC.GetAllocatedBytesForCurrentThread, by a pass-through renderer installed with the block loop's
/// public BlockLoop.SetRenderer: the bytes counted between two periods cover the engine's render,
/// the output guard, the sink write and the pacing.
/// </summary>
public class AudioAllocationTests
{
    /// <summary>
    /// Sends <paramref name="count"/> pairs of parameter messages, paced (about 2 per millisecond) so that
    /// the daemon's socket keeps up; replies are not read. A request on another socket afterwards
    /// returns once the daemon has handled everything that arrived before it.
    /// </summary>
    private static async Task StreamParametersAsync(TestDaemon daemon, int count)
    {
        using (var raw = new RawUdp())
        {
            for (var i = 0; i < count; i++)
            {
                raw.Send(new OscMessage("/gain", (i % 100) / 1000f), daemon.Udp);
                raw.Send(new OscMessage("/freq", 200.0 + i % 50), daemon.Udp);
                if (i % 10 == 9) await Task.Delay(5);
            }
        }
        var client = await daemon.UdpClientAsync();
        Assert.Equal(new OscMessage("/mimium/synced", 1), await client.AskAsync("/mimium/sync", 1));
    }

    private static async Task WarmUpAsync(TestDaemon daemon)
    {
        // JIT, tiering and first-use type loading happen here, not in the measured window.
        await StreamParametersAsync(daemon, 300);
        await Wait.ForPeriodsAsync(daemon, 100);
    }

    [Fact]
    public async Task Streaming_parameter_messages_allocate_nothing_on_the_audio_thread()
    {
        await using var daemon = await TestDaemon.StartAsync();
        Assert.Equal(DaemonEngine.DefaultProgram, daemon.Engine.Live.Source);
        await WarmUpAsync(daemon);

        daemon.Tap.ArmAllocationMeter();
        await StreamParametersAsync(daemon, 1000);
        await Wait.ForPeriodsAsync(daemon, 20);
        var (bytes, periods, worst) = daemon.Tap.DisarmAllocationMeter();

        Assert.True(periods >= 50, $"only {periods} periods were measured");
        Assert.True(bytes == 0, $"the audio thread allocated {bytes} bytes over {periods} periods (at most {worst} in one) while parameters streamed in");
        Assert.Equal(0, daemon.Engine.Parameters.DroppedChanges);
        var client = await daemon.UdpClientAsync();
        OscAsk.AssertDone(await client.AskAsync("/gain", 0.0625f), "/gain");
        await Wait.UntilAsync(() => daemon.Tap.LastBlockPeak is > 0 and <= 0.0625f, "the last gain is heard");
    }

    private sealed class Allocating : Mimiumd.Audio.IAudioRenderer
    {
        public object? Last { get; private set; }

        public void Render(Span<float> interleaved, int frames, int channels)
        {
            Last = new float[frames];
            interleaved.Clear();
        }
    }

    [Fact]
    public void The_meter_sees_an_allocating_renderer()
    {
        var tap = new RendererTap(new Allocating());
        var block = new float[512];
        tap.Render(block, 256, 2);
        tap.ArmAllocationMeter();
        for (var i = 0; i < 10; i++) tap.Render(block, 256, 2);
        var (bytes, periods, worst) = tap.DisarmAllocationMeter();

        Assert.Equal(10, periods);
        Assert.True(bytes >= 10 * 256 * sizeof(float), $"{bytes} bytes");
        Assert.True(worst >= 256 * sizeof(float));
    }

    [Fact]
    public async Task A_code_swap_allocates_nothing_on_the_audio_thread()
    {
        await using var daemon = await TestDaemon.StartAsync(new() { Program = DaemonEngine.DefaultProgram });
        var client = await daemon.UdpClientAsync();
        await WarmUpAsync(daemon);
        // A first swap off the record, so that the swap path itself is warm.
        OscAsk.AssertDone(await client.AskAsync("/mimium/code", DaemonEngine.DefaultProgram.Replace("0.2)", "0.3)", StringComparison.Ordinal)), "/mimium/code");
        await Wait.ForPeriodsAsync(daemon, 20);

        daemon.Tap.ArmAllocationMeter();
        OscAsk.AssertDone(await client.AskAsync("/mimium/code", DaemonEngine.DefaultProgram.Replace("0.2)", "0.4)", StringComparison.Ordinal)), "/mimium/code");
        await Wait.ForPeriodsAsync(daemon, 20);
        var (bytes, periods, worst) = daemon.Tap.DisarmAllocationMeter();

        Assert.Equal(3, daemon.Engine.Live.Version);
        Assert.True(bytes == 0, $"the audio thread allocated {bytes} bytes over {periods} periods (at most {worst} in one) around a code swap");
    }
}
