using System.Diagnostics;
using System.Text;
using Mimium.Engine.Live;

namespace Mimium.Engine.Tests.Live;

/// <summary>
/// Measured alone: tests running in parallel make the runtime re-tier shared methods mid-run,
/// which is noise for both the allocation counter and the deadline clock.
/// </summary>
[Collection(nameof(RealTimeSwapTests))]
public class RealTimeSwapTests
{
    private const string Small = """
        fn ramp(step){ self + step }
        fn echo(x){ x + delay(4800, self, 480.0) * 0.5 }
        fn dsp(){ echo(ramp(0.001)) * 0.1 }
        """;

    /// <summary>
    /// Bytes this thread allocates while <paramref name="work"/> runs, with collections held off:
    /// a collection caused by other threads can shift this thread's allocation counter.
    /// </summary>
    private static long AllocatedWhile(Action work)
    {
        var noGc = GC.TryStartNoGCRegion(64L * 1024 * 1024);
        try
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            work();
            return GC.GetAllocatedBytesForCurrentThread() - before;
        }
        finally
        {
            if (noGc && System.Runtime.GCSettings.LatencyMode == System.Runtime.GCLatencyMode.NoGCRegion) GC.EndNoGCRegion();
        }
    }

    [Fact]
    public void TheAudioThreadAllocatesNothingAcrossASwap()
    {
        var engine = new LiveEngine(new LiveEngineOptions { ApplyWait = TimeSpan.Zero });
        Assert.True(engine.Submit("a.mmm", Small).Accepted);
        var buf = new float[256];
        for (var i = 0; i < 200; i++) engine.Render(buf, 1, 256);
        // One swap first, so one-time runtime work (type loading, JIT) is not counted.
        engine.Post(engine.Prepare("w.mmm", Small.Replace("0.5", "0.55")));
        // Let tiered compilation settle (its background promotions follow call counts and a delay).
        for (var round = 0; round < 3; round++)
        {
            for (var i = 0; i < 200; i++) engine.Render(buf, 1, 256);
            Thread.Sleep(150);
        }
        var prepared = engine.Prepare("b.mmm", Small.Replace("0.5", "0.6"));
        engine.Post(prepared);
        var allocated = AllocatedWhile(() =>
        {
            for (var i = 0; i < 2000; i++) engine.Render(buf, 1, 256);
        });
        Assert.Equal(prepared.Version, engine.Version);
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void ALongCompileDoesNotDelayAnyBlock()
    {
        // A large program: hundreds of stateful calls, so compile and diff take a while.
        var big = new StringBuilder("fn ramp(step){ self + step }\nfn dsp(){ 0.0");
        for (var i = 0; i < 1500; i++) big.Append($" + ramp({i}.0) * 0.0001");
        big.Append(" }\n");

        var engine = new LiveEngine(new LiveEngineOptions { ApplyWait = TimeSpan.FromSeconds(10) });
        // The audio thread below starts the first program itself.
        engine.Post(engine.Prepare("a.mmm", Small));
        // A 1024-frame period (21 ms): long enough that a busy shared test machine's scheduling
        // noise is not mistaken for the compile delaying the audio thread, far shorter than the compile.
        const int Frames = 1024;
        var period = TimeSpan.FromSeconds(Frames / 48000.0);
        var worst = TimeSpan.Zero;
        var late = 0;
        var blocks = 0;
        using var stop = new CancellationTokenSource();
        var audio = new Thread(() =>
        {
            var buf = new float[Frames];
            var next = Stopwatch.GetTimestamp();
            while (!stop.IsCancellationRequested)
            {
                var t0 = Stopwatch.GetTimestamp();
                var oldProgram = engine.Version == 1;
                engine.Render(buf, 1, Frames);
                var took = Stopwatch.GetElapsedTime(t0);
                // Only blocks rendered while the new program was being prepared count: the big
                // program itself is slow to run in a Debug build, which is not what is measured.
                if (oldProgram && engine.Version == 1)
                {
                    if (took > worst) worst = took;
                    if (took > period) late++;
                    blocks++;
                }
                next += (long)(period.TotalSeconds * Stopwatch.Frequency);
                var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), next);
                if (wait > TimeSpan.Zero) Thread.Sleep(wait);
            }
        }) { Priority = ThreadPriority.Highest, IsBackground = true };
        audio.Start();
        Thread.Sleep(100);
        Assert.Equal(1, engine.Version);
        var report = engine.Submit("big.mmm", big.ToString());
        Thread.Sleep(100);
        stop.Cancel();
        audio.Join();
        Assert.True(report.Accepted && report.Applied, report.Summary());
        Assert.True(report.CompileTime + report.PrepareTime > period, "the program should take longer to prepare than one block");
        Assert.True(blocks >= 3, $"only {blocks} blocks were rendered while the program was prepared");
        Assert.True(late == 0, $"{late} of {blocks} blocks missed their {period.TotalMilliseconds:0.0} ms deadline (worst {worst.TotalMilliseconds:0.00} ms)");
    }

    [Fact]
    public void ClosuresMadePerSampleNeverMakeTheAudioThreadGrowTheHeap()
    {
        // 80 closures, each with a 1000-sample delay of its own, made in every dsp call: more
        // state than the VM's initial heap, reserved ahead from the trial run's high-water mark.
        const string Closures = """
            fn mk(){ |x| x + delay(1000, x, 10.0) }
            fn many(n){ if (n > 0.0) { let f = mk()
              f(1.0) + many(n - 1.0) } else { 0.0 } }
            fn dsp(){ many(80.0) }
            """;
        var engine = new LiveEngine(new LiveEngineOptions { ApplyWait = TimeSpan.Zero });
        Assert.True(engine.Submit("a.mmm", Small).Accepted);
        var buf = new float[64];
        // Warm the closure paths (and let tiered compilation settle) with a smaller version first.
        engine.Post(engine.Prepare("w.mmm", Closures.Replace("many(80.0)", "many(2.0)")));
        for (var round = 0; round < 3; round++)
        {
            for (var i = 0; i < 100; i++) engine.Render(buf, 1, 64);
            Thread.Sleep(150);
        }

        var prepared = engine.Prepare("c.mmm", Closures);
        Assert.True(prepared.Report.Accepted, prepared.Report.Summary());
        engine.Post(prepared);
        var rendered = 0;
        var allocated = AllocatedWhile(() =>
        {
            for (var i = 0; i < 20; i++) rendered += engine.Render(buf, 1, 64) ? 1 : 0;
        });
        Assert.Equal(20, rendered);
        Assert.Equal(prepared.Version, engine.Version);
        Assert.Equal(80f, buf[^1]);
        Assert.Equal(0, allocated);
    }
}

[CollectionDefinition(nameof(RealTimeSwapTests), DisableParallelization = true)]
public sealed class RealTimeSwapCollection;
