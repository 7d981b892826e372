using System.Diagnostics;

namespace Mimiumd.Audio;

/// <summary>The audio thread: one dedicated thread and one preallocated period buffer, turning
/// renderer → guard → sink once per period. The steady state allocates, locks and logs nothing;
/// everything another thread may want (counters, load, state, last error) is published for polling.
/// When the sink fails or its device vanishes the loop closes it and reopens with back-off.
/// The loop drives the sink but does not own it: the caller disposes the sink after <see cref="Stop"/>.</summary>
public sealed class BlockLoop : IDisposable
{
    private readonly IAudioSink _sink;
    private readonly AudioFormat _requested;
    private readonly BlockLoopOptions _options;
    private readonly CpuLoadMeter _load = new();
    private readonly ManualResetEventSlim _stopRequested = new();
    private readonly ManualResetEventSlim _running = new();
    private volatile IAudioRenderer _renderer;
    private volatile IAudioRenderer? _faultedRenderer;
    private volatile Exception? _lastError;
    private volatile AudioLoopState _state;
    private volatile bool _stopping;
    // Boxed so another thread never sees a torn struct.
    private volatile object? _activeFormat;
    private volatile object? _realtime;
    private float[] _buffer = [];
    private Thread? _thread;
    private long _periods;
    private long _xruns;
    private long _opens;
    private long _sinkFailures;
    private long _renderFaults;

    public BlockLoop(IAudioSink sink, IAudioRenderer renderer, AudioFormat format, OutputGuard? guard = null, BlockLoopOptions? options = null)
    {
        _sink = sink ?? throw new ArgumentNullException(nameof(sink));
        _renderer = renderer ?? throw new ArgumentNullException(nameof(renderer));
        _requested = format;
        Guard = guard ?? new OutputGuard();
        _options = options ?? new BlockLoopOptions();
    }

    public OutputGuard Guard { get; }

    public AudioLoopState State => _state;

    /// <summary>What the sink granted at the latest open (may differ from what was requested).</summary>
    public AudioFormat? ActiveFormat => (AudioFormat?)_activeFormat;

    /// <summary>The audio thread's SCHED_FIFO attempt, once it has started (null if none was asked for).</summary>
    public RealtimeResult? Realtime => (RealtimeResult?)_realtime;

    /// <summary>The latest sink or renderer failure, for logging and status.</summary>
    public Exception? LastError => _lastError;

    /// <summary>Periods delivered to the sink. A watchdog should check that this keeps growing.</summary>
    public long Periods => Interlocked.Read(ref _periods);

    public long Xruns => Interlocked.Read(ref _xruns);

    /// <summary>Successful sink opens; more than one means the device was reopened.</summary>
    public long Opens => Interlocked.Read(ref _opens);

    /// <summary>Failed opens plus writes that lost the device.</summary>
    public long SinkFailures => Interlocked.Read(ref _sinkFailures);

    public long RenderFaults => Interlocked.Read(ref _renderFaults);

    /// <summary>Render+guard time over period time, averaged over about a second.</summary>
    public double AverageLoad => _load.Average;

    /// <summary>The highest single-period load since start or <see cref="ResetPeakLoad"/>.</summary>
    public double PeakLoad => _load.Peak;

    public void ResetPeakLoad() => _load.ResetPeak();

    /// <summary>Swaps the renderer; the audio thread picks it up at its next period. A renderer that
    /// threw is replaced by silence until a renderer is set again.</summary>
    public void SetRenderer(IAudioRenderer renderer) => _renderer = renderer ?? throw new ArgumentNullException(nameof(renderer));

    public void Start()
    {
        if (_thread is not null)
            throw new InvalidOperationException("the loop has already been started");
        _state = AudioLoopState.Opening;
        _thread = new Thread(Run) { IsBackground = true, Name = _options.ThreadName };
        _thread.Start();
    }

    /// <summary>Blocks until the sink is open and periods are flowing, e.g. before telling systemd READY=1.</summary>
    public bool WaitUntilRunning(TimeSpan timeout) => _running.Wait(timeout);

    /// <summary>Ends the loop after the current period and closes the sink.</summary>
    public void Stop()
    {
        _stopping = true;
        _stopRequested.Set();
        _thread?.Join();
    }

    public void Dispose()
    {
        Stop();
        _stopRequested.Dispose();
        _running.Dispose();
    }

    private void Run()
    {
        if (_options.RealtimePriority is int priority)
            _realtime = RealtimeScheduling.TryEnableFifo(priority);
        var delay = _options.ReopenDelay;
        while (!_stopping)
        {
            // While retrying, the state keeps saying why (DeviceMissing, SinkFailed) instead of flickering to Opening.
            if (!TryOpen(out var format))
            {
                Backoff(ref delay);
                continue;
            }
            delay = _options.ReopenDelay;
            _state = AudioLoopState.Running;
            _running.Set();
            // An exception escaping this thread would end the process; a throwing sink is retried like a failing one.
            Exception? error = null;
            SinkStatus status;
            try
            {
                status = Pump(format);
            }
            catch (Exception e)
            {
                error = e;
                status = SinkStatus.Failed;
            }
            _running.Reset();
            var closeError = CloseSink();
            if (status is SinkStatus.DeviceMissing or SinkStatus.Failed)
            {
                Fail(error ?? _sink.LastError ?? closeError, status == SinkStatus.DeviceMissing);
                Backoff(ref delay);
            }
        }
        _state = AudioLoopState.Stopped;
    }

    private Exception? CloseSink()
    {
        try
        {
            _sink.Close();
            return null;
        }
        catch (Exception e)
        {
            _lastError = e;
            return e;
        }
    }

    private bool TryOpen(out AudioFormat format)
    {
        try
        {
            format = _sink.Open(_requested);
        }
        catch (Exception e)
        {
            format = default;
            Fail(e, _sink.State == SinkState.DeviceMissing);
            return false;
        }
        if (_buffer.Length < format.SamplesPerPeriod)
            _buffer = new float[format.SamplesPerPeriod];
        _load.Reset(format);
        _activeFormat = format;
        Interlocked.Increment(ref _opens);
        return true;
    }

    private void Fail(Exception? error, bool deviceMissing)
    {
        if (error is not null)
            _lastError = error;
        Interlocked.Increment(ref _sinkFailures);
        _state = deviceMissing ? AudioLoopState.DeviceMissing : AudioLoopState.SinkFailed;
    }

    private void Backoff(ref TimeSpan delay)
    {
        _stopRequested.Wait(delay);
        delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, _options.MaxReopenDelay.Ticks));
    }

    // The steady state: nothing in here may allocate.
    private SinkStatus Pump(AudioFormat format)
    {
        int frames = format.PeriodFrames, channels = format.Channels;
        var block = _buffer.AsSpan(0, format.SamplesPerPeriod);
        while (!_stopping)
        {
            long started = Stopwatch.GetTimestamp();
            Render(block, frames, channels);
            Guard.Process(block);
            _load.Record(Stopwatch.GetTimestamp() - started);
            var status = _sink.Write(block, frames);
            if (status is SinkStatus.DeviceMissing or SinkStatus.Failed)
                return status;
            Interlocked.Increment(ref _periods);
            if (status == SinkStatus.Xrun)
                Interlocked.Increment(ref _xruns);
        }
        return SinkStatus.Ok;
    }

    private void Render(Span<float> block, int frames, int channels)
    {
        var renderer = _renderer;
        if (ReferenceEquals(renderer, _faultedRenderer))
        {
            block.Clear();
            return;
        }
        try
        {
            renderer.Render(block, frames, channels);
        }
        catch (Exception e)
        {
            // Keep the device fed with silence rather than let one bad program kill the audio thread.
            _lastError = e;
            _faultedRenderer = renderer;
            Interlocked.Increment(ref _renderFaults);
            block.Clear();
        }
    }
}
