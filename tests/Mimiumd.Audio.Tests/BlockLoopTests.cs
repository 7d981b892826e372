namespace Mimiumd.Audio.Tests;

public class BlockLoopTests
{
    private static readonly AudioFormat Stereo64 = new(48000, 2, 64);

    [Fact]
    public void Steady_state_allocates_nothing_on_the_audio_thread()
    {
        const int Calls = 12000, WarmUp = 2000;
        var probe = new AllocationProbeRenderer(Calls);
        var guard = new OutputGuard();
        using var sink = new NullSink(paced: false);
        using (var loop = new BlockLoop(sink, probe, Stereo64, guard))
        {
            loop.Start();
            Wait.Until(() => probe.Count == Calls);
        }
        long delta = probe.AllocatedBetween(WarmUp, Calls - 1);
        Assert.True(delta == 0, $"{delta} bytes allocated on the audio thread over {Calls - 1 - WarmUp} periods");
    }

    [Fact]
    public void Steady_state_with_a_paced_wav_sink_allocates_nothing()
    {
        const int Calls = 3000, WarmUp = 500;
        var probe = new AllocationProbeRenderer(Calls);
        string path = Path.Combine(Path.GetTempPath(), $"mimiumd-loop-{Guid.NewGuid():N}.wav");
        try
        {
            using var sink = new WavFileSink(path, paced: true);
            using (var loop = new BlockLoop(sink, probe, new AudioFormat(192000, 2, 32)))
            {
                loop.Start();
                Wait.Until(() => probe.Count == Calls);
            }
            Assert.Equal(0, probe.AllocatedBetween(WarmUp, Calls - 1));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Renders_through_the_guard_into_the_sink_in_order()
    {
        string path = Path.Combine(Path.GetTempPath(), $"mimiumd-loop-{Guid.NewGuid():N}.wav");
        try
        {
            using var sink = new WavFileSink(path);
            var loop = new BlockLoop(sink, new NaNEveryOtherSample(), new AudioFormat(44100, 2, 16), new OutputGuard(0.5f));
            loop.Start();
            Assert.True(loop.WaitUntilRunning(TimeSpan.FromSeconds(10)));
            Wait.Until(() => loop.Periods >= 10);
            loop.Stop();
            Assert.Equal(AudioLoopState.Stopped, loop.State);
            var wav = WavReader.ReadFile(path);
            Assert.Equal((44100, 2), (wav.SampleRate, wav.Channels));
            Assert.Equal(loop.Periods * 16, wav.Frames);
            for (int i = 0; i < wav.Samples.Length; i++)
                Assert.Equal(i % 2 == 0 ? 0f : 0.5f, wav.Samples[i]);
            Assert.Equal(1, loop.Guard.NonFiniteBursts);
            Assert.Equal(loop.Periods, loop.Guard.NonFiniteBlocks);
            Assert.True(loop.AverageLoad > 0 && loop.PeakLoad >= loop.AverageLoad);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Paced_null_sink_runs_at_the_sample_rate()
    {
        using var sink = new NullSink(paced: true);
        using var loop = new BlockLoop(sink, new RampRenderer(), new AudioFormat(48000, 2, 480));
        loop.Start();
        Assert.True(loop.WaitUntilRunning(TimeSpan.FromSeconds(10)));
        long p0 = loop.Periods;
        var started = System.Diagnostics.Stopwatch.StartNew();
        Thread.Sleep(600);
        long periods = loop.Periods - p0;
        double expected = started.Elapsed.TotalSeconds * 100; // 480 frames at 48 kHz = 10 ms
        Assert.InRange(periods, expected - 8, expected + 8);
    }

    [Fact]
    public void Late_writes_to_a_paced_sink_count_as_xruns()
    {
        using var sink = new NullSink(paced: true, bufferPeriods: 1);
        using var loop = new BlockLoop(sink, new SlowEveryTenth(TimeSpan.FromMilliseconds(30)), new AudioFormat(48000, 1, 96));
        loop.Start();
        Wait.Until(() => loop.Periods >= 45);
        loop.Stop();
        Assert.InRange(loop.Xruns, 3, loop.Periods / 5);
    }

    [Fact]
    public void Lost_device_is_closed_and_reopened_with_back_off()
    {
        var sink = new ScriptedSink { FailOpens = 2, LoseDeviceAfterWrites = 50 };
        var options = new BlockLoopOptions { ReopenDelay = TimeSpan.FromMilliseconds(1), MaxReopenDelay = TimeSpan.FromMilliseconds(4) };
        using var loop = new BlockLoop(sink, new RampRenderer(), Stereo64, options: options);
        loop.Start();
        Wait.Until(() => loop.Opens >= 2 && loop.Periods > 100);
        loop.Stop();
        Assert.Equal(4, sink.OpenCalls);     // two failures, the first open, the reopen
        Assert.Equal(3, loop.SinkFailures);  // two failed opens, one lost device
        Assert.Equal("device unplugged", loop.LastError?.Message);
        Assert.Equal(sink.OpenCalls - sink.FailOpens, sink.CloseCalls);
    }

    [Fact]
    public void State_reports_a_missing_device_while_waiting()
    {
        var sink = new ScriptedSink { FailOpens = int.MaxValue };
        var options = new BlockLoopOptions { ReopenDelay = TimeSpan.FromMilliseconds(1), MaxReopenDelay = TimeSpan.FromMilliseconds(1) };
        using var loop = new BlockLoop(sink, new RampRenderer(), Stereo64, options: options);
        loop.Start();
        Wait.Until(() => loop.SinkFailures >= 3);
        Assert.Equal(AudioLoopState.DeviceMissing, loop.State);
        Assert.False(loop.WaitUntilRunning(TimeSpan.Zero));
        Assert.IsType<IOException>(loop.LastError);
    }

    [Fact]
    public void Xruns_reported_by_the_sink_are_counted()
    {
        var sink = new ScriptedSink { XrunEvery = 10 };
        using var loop = new BlockLoop(sink, new RampRenderer(), Stereo64);
        loop.Start();
        Wait.Until(() => loop.Periods >= 100);
        loop.Stop();
        Assert.Equal(loop.Periods / 10, loop.Xruns);
    }

    [Fact]
    public void A_throwing_renderer_is_silenced_until_replaced()
    {
        string path = Path.Combine(Path.GetTempPath(), $"mimiumd-loop-{Guid.NewGuid():N}.wav");
        try
        {
            using var sink = new WavFileSink(path);
            using var loop = new BlockLoop(sink, new ThrowingRenderer(), new AudioFormat(48000, 1, 8));
            loop.Start();
            Wait.Until(() => loop.Periods >= 20);
            Assert.Equal(1, loop.RenderFaults);
            Assert.IsType<InvalidOperationException>(loop.LastError);
            loop.SetRenderer(new ConstantRenderer(0.25f));
            long after = loop.Periods;
            Wait.Until(() => loop.Periods >= after + 20);
            loop.Stop();
            var samples = WavReader.ReadFile(path).Samples;
            Assert.Equal(0f, samples[0]);
            Assert.Equal(0.25f, samples[^1]);
            Assert.Equal(1, loop.RenderFaults);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Granted_format_is_published_and_used()
    {
        var granted = new AudioFormat(44100, 2, 100);
        var sink = new ScriptedSink { Grant = _ => granted };
        var renderer = new FrameCountRecorder();
        using var loop = new BlockLoop(sink, renderer, Stereo64);
        loop.Start();
        Wait.Until(() => loop.Periods > 3);
        Assert.Equal(granted, loop.ActiveFormat);
        Assert.Equal((100, 2, 200), renderer.Last);
    }

    [Fact]
    public void Realtime_result_is_reported_when_asked_for()
    {
        // Paced: an unpaced loop at SCHED_FIFO would spin and starve the machine's other threads.
        using var sink = new NullSink(paced: true);
        using var loop = new BlockLoop(sink, new RampRenderer(), Stereo64, options: new BlockLoopOptions { RealtimePriority = 10 });
        loop.Start();
        Wait.Until(() => loop.Periods > 0);
        var rt = loop.Realtime;
        Assert.NotNull(rt);
        Assert.Contains(rt.Value.Outcome, new[] { RealtimeOutcome.Enabled, RealtimeOutcome.NotPermitted });
    }

    [Fact]
    public void A_throwing_sink_is_closed_and_retried_instead_of_ending_the_process()
    {
        var sink = new ThrowingSink();
        var options = new BlockLoopOptions { ReopenDelay = TimeSpan.FromMilliseconds(1), MaxReopenDelay = TimeSpan.FromMilliseconds(1) };
        using var loop = new BlockLoop(sink, new RampRenderer(), Stereo64, options: options);
        loop.Start();
        Wait.Until(() => loop.SinkFailures >= 3);
        Assert.Equal(AudioLoopState.SinkFailed, loop.State);
        Assert.Equal("write failed", loop.LastError?.Message);
        Assert.True(sink.Closes >= 3);
    }

    [Fact]
    public void Cannot_start_twice()
    {
        using var sink = new NullSink(paced: false);
        using var loop = new BlockLoop(sink, new RampRenderer(), Stereo64);
        loop.Start();
        Assert.Throws<InvalidOperationException>(loop.Start);
    }

    private sealed class ThrowingSink : IAudioSink
    {
        private int _closes;

        public int Closes => Volatile.Read(ref _closes);
        public string Name => "throwing";
        public SinkState State => SinkState.Open;
        public Exception? LastError => null;
        public AudioFormat Open(AudioFormat requested) => requested;
        public SinkStatus Write(ReadOnlySpan<float> interleaved, int frames) => throw new InvalidOperationException("write failed");
        public void Close() => Interlocked.Increment(ref _closes);
        public void Dispose() { }
    }

    private sealed class NaNEveryOtherSample : IAudioRenderer
    {
        public void Render(Span<float> interleaved, int frames, int channels)
        {
            for (int i = 0; i < interleaved.Length; i++)
                interleaved[i] = i % 2 == 0 ? float.NaN : 7f;
        }
    }

    private sealed class SlowEveryTenth(TimeSpan delay) : IAudioRenderer
    {
        private int _calls;

        public void Render(Span<float> interleaved, int frames, int channels)
        {
            interleaved.Clear();
            if (++_calls % 10 == 0)
                Thread.Sleep(delay);
        }
    }

    private sealed class ThrowingRenderer : IAudioRenderer
    {
        public void Render(Span<float> interleaved, int frames, int channels) => throw new InvalidOperationException("boom");
    }

    private sealed class ConstantRenderer(float value) : IAudioRenderer
    {
        public void Render(Span<float> interleaved, int frames, int channels) => interleaved.Fill(value);
    }

    private sealed class FrameCountRecorder : IAudioRenderer
    {
        private volatile Tuple<int, int, int>? _last;

        public (int, int, int) Last => _last is { } t ? (t.Item1, t.Item2, t.Item3) : default;

        public void Render(Span<float> interleaved, int frames, int channels) => _last ??= Tuple.Create(frames, channels, interleaved.Length);
    }
}
