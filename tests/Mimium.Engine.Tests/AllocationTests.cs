namespace Mimium.Engine.Tests;

/// <summary>The audio path must not allocate: no GC pauses on the audio thread.</summary>
public class AllocationTests
{
    [Fact]
    public void RenderingAllocatesNothingAfterWarmUp()
    {
        const string src = """
            fn counter(inc){ self + inc }
            fn lowpass(x, g){ x * (1.0 - g) + self * g }
            fn makegain(k){ |x| x * k }
            let gain = makegain(0.5)
            fn makecounter(){
              let n = 0.0
              | | {
                n = n + 1.0
                n % 100.0
              }
            }
            let tick = makecounter()
            fn dsp(x){
              let c = counter(0.01)
              let pair = (c, lowpass(c + x, 0.9))
              let d = delay(100, pair.1, 10.0)
              let local = |y| y + pair.0
              (gain(d) + local(mem(c)) + tick(), pair.0 * 0.5)
            }
            """;
        var instance = Mm.Start(src);
        var input = new float[16];
        var output = new float[32];
        for (var i = 0; i < 2000; i++) Assert.True(instance.Render(input, 1, output, 2, 16));

        // Collections held off while measuring: one caused by another thread can shift this
        // thread's allocation counter.
        var noGc = GC.TryStartNoGCRegion(64L * 1024 * 1024);
        var before = GC.GetAllocatedBytesForCurrentThread();
        var ok = true;
        for (var i = 0; i < 10_000; i++) ok &= instance.Render(input, 1, output, 2, 16);
        var after = GC.GetAllocatedBytesForCurrentThread();
        if (noGc && System.Runtime.GCSettings.LatencyMode == System.Runtime.GCLatencyMode.NoGCRegion) GC.EndNoGCRegion();

        Assert.True(ok);
        Assert.Equal(0, after - before);
        Assert.NotEqual(0f, output[0]);
    }
}
