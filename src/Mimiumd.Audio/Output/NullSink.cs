namespace Mimiumd.Audio;

/// <summary>Discards audio. Paced, it stands in for a device (the daemon keeps time without sound);
/// unpaced, it runs as fast as the renderer can go (benchmarks, tests).</summary>
public sealed class NullSink : IAudioSink
{
    private readonly PeriodPacer? _pacer;
    private volatile SinkState _state;
    private long _framesWritten;

    /// <param name="paced">Consume frames in real time at the sample rate.</param>
    /// <param name="bufferPeriods">Periods of slack before a late write counts as an underrun.</param>
    public NullSink(bool paced = true, int bufferPeriods = 2)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bufferPeriods);
        if (paced)
            _pacer = new PeriodPacer(bufferPeriods);
    }

    public string Name => _pacer is null ? "null (unpaced)" : "null";

    public SinkState State => _state;

    public Exception? LastError => null;

    public long FramesWritten => Interlocked.Read(ref _framesWritten);

    public AudioFormat Open(AudioFormat requested)
    {
        _pacer?.Reset(requested);
        _state = SinkState.Open;
        return requested;
    }

    public SinkStatus Write(ReadOnlySpan<float> interleaved, int frames)
    {
        if (_state != SinkState.Open)
            throw new InvalidOperationException("sink is not open");
        Interlocked.Add(ref _framesWritten, frames);
        return _pacer is null || _pacer.Pace(frames) ? SinkStatus.Ok : SinkStatus.Xrun;
    }

    public void Close() => _state = SinkState.Closed;

    public void Dispose() => Close();
}
