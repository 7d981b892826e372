using Mimium.Engine.Live;
using Mimium.Engine.Parameters;

namespace Mimium.Engine.Tests.Parameters;

public class ControlMacroTests
{
    private static (LiveEngine Engine, ParameterBank Bank) Start(string source)
    {
        var bank = new ParameterBank();
        var engine = new LiveEngine(new LiveEngineOptions { Parameters = bank, ApplyWait = TimeSpan.Zero });
        var report = engine.Submit("p.mmm", source);
        Assert.True(report.Accepted, report.Summary());
        return (engine, bank);
    }

    private static float[] Block(LiveEngine engine, int channels = 1)
    {
        var buf = new float[4 * channels];
        Assert.True(engine.Render(buf, channels, 4));
        return buf;
    }

    [Fact]
    public void ANumberParameterStartsAtItsInitialValueAndFollowsChangesAtTheNextBlock()
    {
        var (engine, bank) = Start("fn dsp(){ Control!(\"gain\", 0.25) * 2.0 }");
        Assert.Equal(0.5f, Block(engine)[0]);
        Assert.True(bank.Set("gain", 0, 0.5));
        Assert.Equal(1.0f, Block(engine)[3]);
    }

    [Fact]
    public void ATupleParameterHasOneValuePerLeaf()
    {
        var (engine, bank) = Start("fn dsp(){ let (l, r) = Control!(\"pan\", (0.1, 0.2)); (l, r) }");
        Assert.Equal(new[] { 0.1f, 0.2f }, Block(engine, 2)[..2]);
        Assert.True(bank.Set("pan", 1, 0.9));
        Assert.False(bank.Set("pan", 2, 0.9));
        Assert.Equal(new[] { 0.1f, 0.9f }, Block(engine, 2)[..2]);
    }

    [Fact]
    public void ValuesSurviveACodeChangeThatKeepsTheName()
    {
        var (engine, bank) = Start("fn dsp(){ Control!(\"freq\", 440.0) }");
        bank.Set("freq", 0, 660);
        Block(engine);
        Assert.True(engine.Submit("p2.mmm", "fn dsp(){ Control!(\"freq\", 440.0) + 1.0 }").Accepted);
        Assert.Equal(661f, Block(engine)[0]);
    }

    [Fact]
    public void AnInvalidInitialValueIsACompileError()
    {
        var bank = new ParameterBank();
        var engine = new LiveEngine(new LiveEngineOptions { Parameters = bank, ApplyWait = TimeSpan.Zero });
        var report = engine.Submit("p.mmm", "fn dsp(){ Control!(\"bad name!\", 1.0) }");
        Assert.False(report.Accepted);
        Assert.Contains("parameter name", report.Summary());
    }

    [Fact]
    public void UnknownParametersAreRefused()
    {
        var (_, bank) = Start("fn dsp(){ Control!(\"a\", 1.0) }");
        Assert.False(bank.Set("b", 0, 1.0));
    }

    [Fact]
    public void NamesDeclaredByARejectedProgramAreForgotten()
    {
        var (engine, bank) = Start("fn dsp(){ Control!(\"a\", 1.0) }");
        // Type error after the macro ran: "foo" was declared with one value, then the program failed.
        Assert.False(engine.Submit("bad.mmm", "fn dsp(){ Control!(\"foo\", 1.0) + \"x\" }").Accepted);
        Assert.False(bank.TryGet("foo", out _));
        Assert.DoesNotContain("foo", bank.Snapshot().Keys);
        // So a later program may declare it with another shape.
        var report = engine.Submit("ok.mmm", "fn dsp(){ let (l, r) = Control!(\"foo\", (1.0, 2.0))\n l + r }");
        Assert.True(report.Accepted, report.Summary());
    }
}
