using Mimium.Engine.Live;

namespace Mimium.Engine.Tests.Live;

public class RejectionAndFadeTests
{
    private const string Steady = "fn hold(){ self + 0.0 + 0.25 - self }\nfn dsp(){ hold() }";

    [Fact]
    public void AProgramWhoseGlobalEvaluationFaultsIsRejectedAndTheOldOneKeepsPlaying()
    {
        var h = new SwapHarness(Steady);
        h.Run(1);
        var report = h.Engine.Submit("bad.mmm", "fn forever(x){ forever(x + 1.0) }\nlet x = forever(0.0)\nfn dsp(){ x }");
        Assert.False(report.Accepted);
        Assert.Contains("MM4001", report.Fault);
        Assert.Equal(1, h.Engine.Version);
        h.Run(1);
        Assert.All(h.Frames, f => Assert.Equal(0.25f, f[0]));
    }

    [Fact]
    public void AProgramWhoseFirstBlockFaultsIsRejectedBeforeTheSwap()
    {
        var h = new SwapHarness(Steady);
        h.Run(1);
        var report = h.Engine.Submit("bad.mmm", "fn down(n){ if (n > 0.0) { down(n + 1.0) } else { 0.0 } }\nfn dsp(){ down(1.0) }");
        Assert.False(report.Accepted);
        Assert.NotNull(report.Fault);
        Assert.Equal(1, h.Engine.Version);
        Assert.Null(h.Engine.Fault);
        h.Run(1);
        Assert.Equal(0.25f, h.Frames[^1][0]);
    }

    [Fact]
    public void ACompileErrorLeavesTheOldProgramAndReportsWhere()
    {
        var h = new SwapHarness(Steady);
        var report = h.Engine.Submit("bad.mmm", "fn dsp(){\n  1.0 +\n}");
        Assert.False(report.Accepted);
        Assert.Equal(3, report.FirstError!.Line);
        Assert.Equal(1, h.Engine.Version);
        Assert.Contains("^", report.Summary());
    }

    [Fact]
    public void WithACrossfadeAChangeThatKeepsNoStateFadesFromOldToNew()
    {
        const int Fade = 256;
        var h = new SwapHarness("fn counter(){ self + 1.0 }\nfn dsp(){ counter() * 0.0 + 1.0 }",
            options: new LiveEngineOptions { ApplyWait = TimeSpan.Zero, CrossfadeSamples = Fade });
        h.Run(1);
        // A stateless program keeps nothing of the counter: it fades in from the old output.
        h.Post("fn dsp(){ 0.0 }");
        h.Run(8);
        var y = h.Channel(0);
        var at = SwapHarness.Block;
        Assert.Equal(1.0, y[at], 6);
        Assert.Equal(0.5, y[at + Fade / 2], 2);
        Assert.True(y[at + Fade / 2] < y[at + Fade / 4]);
        Assert.Equal(0.0, y[at + Fade + 1], 6);
        for (var n = at; n < at + Fade; n++) Assert.True(y[n + 1] <= y[n] + 1e-6, $"not monotonic at {n}");
    }

    [Fact]
    public void WithoutACrossfadeTheSameChangeSwitchesAtOnce()
    {
        var h = new SwapHarness("fn counter(){ self + 1.0 }\nfn dsp(){ counter() * 0.0 + 1.0 }");
        h.Run(1);
        h.Post("fn dsp(){ 0.0 }");
        h.Run(1);
        Assert.Equal(0.0, h.Channel(0)[SwapHarness.Block], 6);
    }

    [Fact]
    public void AChangeThatKeepsStateIsNeverFaded()
    {
        var h = new SwapHarness("fn counter(){ self + 1.0 }\nfn dsp(){ counter() }",
            options: new LiveEngineOptions { ApplyWait = TimeSpan.Zero, CrossfadeSamples = 1000 });
        h.Run(1);
        h.Post("fn counter(){ self + 1.0 }\nfn dsp(){ counter() * 2.0 }");
        h.Run(1);
        Assert.Equal((SwapHarness.Block + 1) * 2.0, h.Channel(0)[SwapHarness.Block], 6);
    }
}
