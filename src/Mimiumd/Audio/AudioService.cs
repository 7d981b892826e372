using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Mimiumd.Engine;
using Mimiumd.Hosting;

namespace Mimiumd.Audio;

/// <summary>
/// Runs the block loop: one dedicated (SCHED_FIFO when permitted) thread that asks the engine
/// for a period and writes it to the sink. A missing device is retried with back-off while the
/// rest of the daemon keeps answering; a monitor on an ordinary thread reports state changes,
/// xruns and faults (the audio thread itself never logs).
/// </summary>
public sealed class AudioService : BackgroundService, IAudioRenderer
{
    private readonly DaemonEngine _engine;
    private readonly ILogger<AudioService> _logger;
    private readonly AudioOutputSpec _spec;
    private IAudioSink? _sink;

    public AudioService(DaemonEngine engine, ILogger<AudioService> logger)
    {
        _engine = engine;
        _logger = logger;
        if (!AudioOutputSpec.TryParse(engine.Options.Audio.Output, out var spec, out var error))
        {
            _logger.LogError("{Error}; using the null output", error);
        }
        _spec = spec;
        var a = engine.Options.Audio;
        Format = new AudioFormat(a.SampleRate, a.Channels, a.PeriodFrames);
    }

    public AudioFormat Format { get; }
    public BlockLoop? Loop { get; private set; }
    public string OutputName => _spec.ToString();
    public long Periods => Loop?.Periods ?? 0;

    /// <summary>Set once the loop has produced its first period (or has started retrying a device).</summary>
    public TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Called on the audio thread by the loop.</summary>
    public void Render(Span<float> interleaved, int frames, int channels) => _engine.Live.Render(interleaved, channels, frames);

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        WarmUp();
        var a = _engine.Options.Audio;
        _sink = _spec.CreateSink(new AudioOptionsView(a.Periods, a.Unpaced));
        Loop = new BlockLoop(_sink, this, Format, new OutputGuard(a.LimiterCeiling), new BlockLoopOptions
        {
            RealtimePriority = a.RealtimePriority > 0 ? a.RealtimePriority : null,
        });
        Loop.Start();
        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var loop = Loop!;
        var lastState = AudioLoopState.NotStarted;
        long lastXruns = 0, lastFaults = 0, lastBursts = 0, lastRenderFaults = 0;
        var realtimeLogged = false;
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(200));
        do
        {
            var state = loop.State;
            if (state != lastState)
            {
                OnStateChanged(loop, state);
                lastState = state;
            }
            if (!realtimeLogged && loop.Realtime is { } rt)
            {
                realtimeLogged = true;
                if (rt.Outcome == RealtimeOutcome.Enabled) _logger.LogInformation("audio thread runs with real-time priority: {Realtime}", rt);
                else _logger.LogWarning("audio thread runs at normal priority: {Realtime}", rt);
            }
            if (loop.Xruns != lastXruns)
            {
                lastXruns = loop.Xruns;
                _logger.LogWarning("audio xruns: {Xruns} in total", lastXruns);
                _engine.Raise(new XrunsOccurred(lastXruns));
            }
            if (_engine.Live.FaultCount != lastFaults)
            {
                lastFaults = _engine.Live.FaultCount;
                var fault = _engine.Live.Fault?.ToString() ?? "runtime fault";
                _logger.LogError("the program stopped with a runtime fault and is silent until new code arrives: {Fault}", fault);
                _engine.Raise(new ProgramFaulted(fault));
            }
            if (loop.Guard.NonFiniteBursts != lastBursts)
            {
                lastBursts = loop.Guard.NonFiniteBursts;
                _logger.LogWarning("the program produced NaN or infinite samples (replaced by silence); {Bursts} burst(s) so far", lastBursts);
            }
            while (_engine.Live.Probes.TryDequeue(out var probed))
                _logger.LogInformation("probe: {Value}", Mimium.Runtime.Vm.Builtins.FormatDisplay(probed));
            if (loop.RenderFaults != lastRenderFaults)
            {
                lastRenderFaults = loop.RenderFaults;
                _logger.LogError("the audio loop caught a renderer failure: {Error}", loop.LastError?.Message);
            }
            _engine.FlushParameters();
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    /// <summary>
    /// Runs the render path (a copy of the program, the output guard) on this thread before the
    /// device starts, so first-call compilation of that code does not land in the first periods.
    /// </summary>
    private void WarmUp()
    {
        var current = _engine.Live.Current;
        if (current is null) return;
        var copy = new Mimium.Engine.ProgramInstance(current.Program, current.Vm.Options, _engine.Live.Options.Externals);
        if (!copy.Initialize()) return;
        var buffer = new float[Format.SamplesPerPeriod];
        var guard = new OutputGuard(_engine.Options.Audio.LimiterCeiling);
        for (var i = 0; i < 64; i++)
        {
            if (!copy.Render(ReadOnlySpan<float>.Empty, 0, buffer, Format.Channels, Format.PeriodFrames)) break;
            guard.Process(buffer);
        }
    }

    private void OnStateChanged(BlockLoop loop, AudioLoopState state)
    {
        switch (state)
        {
            case AudioLoopState.Running:
                _logger.LogInformation("audio output {Output} running: {Format}", OutputName, loop.ActiveFormat);
                Started.TrySetResult();
                break;
            case AudioLoopState.DeviceMissing:
            case AudioLoopState.SinkFailed:
                _logger.LogError("audio output {Output} unavailable ({State}): {Error}; retrying", OutputName, state, loop.LastError?.Message);
                Started.TrySetResult();
                break;
        }
        _engine.Raise(new DeviceChanged(DeviceStateName(state), OutputName));
    }

    public static string DeviceStateName(AudioLoopState state) => state switch
    {
        AudioLoopState.Running => "running",
        AudioLoopState.DeviceMissing => "missing",
        AudioLoopState.SinkFailed => "failed",
        AudioLoopState.Opening => "opening",
        AudioLoopState.Stopped => "stopped",
        _ => "starting",
    };

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        // Silence first, so the device does not hold a half-rendered period.
        _engine.Live.Stop();
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        Loop?.Stop();
        Loop?.Dispose();
        _sink?.Dispose();
        _engine.FlushParameters();
    }
}
