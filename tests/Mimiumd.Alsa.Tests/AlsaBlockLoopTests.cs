using System.Runtime.InteropServices;
using Mimiumd.Audio;

namespace Mimiumd.Alsa.Tests;

[Collection(AlsaCollection.Name)]
public sealed class AlsaBlockLoopTests : IDisposable
{
    private readonly TestPcms _pcms = new();

    public void Dispose() => _pcms.Dispose();

    [AlsaFact]
    public void Loop_delivers_every_rendered_period_to_the_device_in_order()
    {
        var format = new AudioFormat(48000, 2, 32);
        using var sink = new AlsaPcmSink(_pcms.Capture("loop.raw"));
        using (var loop = new BlockLoop(sink, new CountingRenderer(), format))
        {
            loop.Start();
            Assert.True(loop.WaitUntilRunning(TimeSpan.FromSeconds(10)));
            Wait(() => loop.Periods >= 200);
            loop.Stop();
            var arrived = MemoryMarshal.Cast<byte, float>(_pcms.Read("loop.raw"));
            Assert.Equal(loop.Periods * format.SamplesPerPeriod, arrived.Length);
            for (int i = 0; i < arrived.Length; i++)
                Assert.Equal(CountingRenderer.Sample(i), arrived[i]);
            Assert.Equal(1, loop.Opens);
        }
    }

    [AlsaTheory]
    [InlineData(AlsaSampleFormat.FloatLe)]
    [InlineData(AlsaSampleFormat.S16Le)]
    public void Steady_state_through_libasound_allocates_nothing(AlsaSampleFormat format)
    {
        const int Calls = 6000, WarmUp = 1000;
        var probe = new AllocationProbe(Calls);
        using var sink = new AlsaPcmSink(new AlsaPcmOptions { Device = "null", Formats = [format] });
        using (var loop = new BlockLoop(sink, probe, new AudioFormat(48000, 2, 64)))
        {
            loop.Start();
            Wait(() => probe.Count == Calls);
        }
        Assert.Equal(format, sink.SampleFormat);
        Assert.Equal(0, probe.AllocatedBetween(WarmUp, Calls - 1));
    }

    [AlsaFact]
    public void Missing_device_leaves_the_loop_retrying_with_the_error_published()
    {
        using var sink = new AlsaPcmSink("hw:CARD=MimiumdNoSuchCard");
        var options = new BlockLoopOptions { ReopenDelay = TimeSpan.FromMilliseconds(1), MaxReopenDelay = TimeSpan.FromMilliseconds(2) };
        using var loop = new BlockLoop(sink, new CountingRenderer(), new AudioFormat(48000, 2, 64), options: options);
        loop.Start();
        Wait(() => loop.SinkFailures >= 3);
        Assert.Equal(AudioLoopState.DeviceMissing, loop.State);
        Assert.IsType<AlsaException>(loop.LastError);
        Assert.Equal(0, loop.Periods);
    }

    private static void Wait(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException();
            Thread.Sleep(2);
        }
    }

    private sealed class CountingRenderer : IAudioRenderer
    {
        private int _next;

        public static float Sample(int index) => (index % 65536 - 32768) / 32768f;

        public void Render(Span<float> interleaved, int frames, int channels)
        {
            for (int i = 0; i < interleaved.Length; i++)
                interleaved[i] = Sample(_next++);
        }
    }

    private sealed class AllocationProbe(int calls) : IAudioRenderer
    {
        private readonly long[] _allocated = new long[calls];
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public long AllocatedBetween(int from, int to) => _allocated[to] - _allocated[from];

        public void Render(Span<float> interleaved, int frames, int channels)
        {
            interleaved.Fill(0.25f);
            if (_count < _allocated.Length)
            {
                _allocated[_count] = GC.GetAllocatedBytesForCurrentThread();
                Volatile.Write(ref _count, _count + 1);
            }
        }
    }
}
