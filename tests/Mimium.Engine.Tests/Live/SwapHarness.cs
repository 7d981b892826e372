using Mimium.Engine.Live;

namespace Mimium.Engine.Tests.Live;

/// <summary>
/// Drives the real swap path with a block clock on the test thread: programs are prepared as the
/// daemon prepares them and picked up by Render at a block boundary.
/// </summary>
internal sealed class SwapHarness
{
    public const int Block = 64;
    public readonly LiveEngine Engine;
    public readonly List<float[]> Frames = new();
    private readonly int _channels;

    public SwapHarness(string source, int channels = 1, LiveEngineOptions? options = null)
    {
        _channels = channels;
        Engine = new LiveEngine(options ?? new LiveEngineOptions { ApplyWait = TimeSpan.Zero });
        var first = Engine.Submit("v1.mmm", source);
        Assert.True(first.Accepted, first.Summary());
    }

    /// <summary>Renders whole blocks and keeps every frame.</summary>
    public void Run(int blocks)
    {
        var buf = new float[Block * _channels];
        for (var b = 0; b < blocks; b++)
        {
            Assert.True(Engine.Render(buf, _channels, Block), $"render failed: {Engine.Fault}");
            for (var f = 0; f < Block; f++) Frames.Add(buf.AsSpan(f * _channels, _channels).ToArray());
        }
    }

    /// <summary>Prepares and posts new code; the next Render switches to it.</summary>
    public LiveEngine.Prepared Post(string source)
    {
        var prepared = Engine.Prepare("next.mmm", source);
        Assert.True(prepared.Report.Accepted, prepared.Report.Summary());
        Engine.Post(prepared);
        return prepared;
    }

    /// <summary>Switches now (a zero-frame block) and returns the dsp state before and after.</summary>
    public (double[] Before, double[] After, SwapReport Report) SwapNow(string source)
    {
        var before = Engine.Current!.Vm.DspState.ToArray();
        var prepared = Post(source);
        Engine.Render(Span<float>.Empty, _channels, 0);
        Assert.Equal(prepared.Version, Engine.Version);
        return (before, Engine.Current!.Vm.DspState.ToArray(), prepared.Report);
    }

    public double[] Channel(int c) => Frames.Select(f => (double)f[c]).ToArray();
}
