using Mimium.Engine.Live;

namespace Mimium.Engine.Tests.Live;

public class TransportTests
{
    private const string Counter = "fn counter(){ self + 1.0 }\nfn dsp(){ counter() }";

    private static float Next(LiveEngine e)
    {
        var buf = new float[1];
        e.Render(buf, 1, 1);
        return buf[0];
    }

    private static LiveEngine Start()
    {
        var e = new LiveEngine(new LiveEngineOptions { ApplyWait = TimeSpan.Zero });
        Assert.True(e.Submit("c.mmm", Counter).Accepted);
        return e;
    }

    [Fact]
    public void PauseFreezesTimeAndPlayResumesWhereItWas()
    {
        var e = Start();
        Assert.Equal(1f, Next(e));
        Assert.Equal(2f, Next(e));
        Assert.Equal(TransportState.Paused, e.Pause());
        Assert.Equal(0f, Next(e));
        Assert.Equal(0f, Next(e));
        e.Play();
        Assert.Equal(3f, Next(e));
    }

    [Fact]
    public void StopSilencesAndPlayRestartsFromFreshState()
    {
        var e = Start();
        Next(e);
        Next(e);
        e.Stop();
        Assert.Equal(0f, Next(e));
        Assert.Equal(TransportState.Stopped, e.Transport);
        e.Play();
        Assert.Equal(1f, Next(e));
        Assert.Equal(0, e.Current!.Vm.Now - 1);
    }

    [Fact]
    public void PauseWhileStoppedStaysStopped()
    {
        var e = Start();
        e.Stop();
        Assert.Equal(TransportState.Stopped, e.Pause());
    }

    [Fact]
    public void CodePushedWhileStoppedIsWhatPlayStarts()
    {
        var e = Start();
        Next(e);
        e.Stop();
        Assert.True(e.Submit("d.mmm", "fn dsp(){ 42.0 }").Accepted);
        Assert.Equal(0f, Next(e));
        e.Play();
        Assert.Equal(42f, Next(e));
    }
}
