namespace Mimiumd.Audio;

/// <summary>Records to a 32-bit float WAV. Unpaced it renders offline as fast as possible; paced it
/// behaves like a device (a daemon recording what it would play). Each <see cref="Open"/> starts the file anew.</summary>
public sealed class WavFileSink : IAudioSink
{
    private readonly string _path;
    private readonly PeriodPacer? _pacer;
    private WavWriter? _writer;
    private int _channels;
    private volatile SinkState _state;

    public WavFileSink(string path, bool paced = false, int bufferPeriods = 2)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bufferPeriods);
        _path = path;
        if (paced)
            _pacer = new PeriodPacer(bufferPeriods);
    }

    public string Name => _path;

    public SinkState State => _state;

    public Exception? LastError { get; private set; }

    public long FramesWritten => _writer?.FramesWritten ?? 0;

    public AudioFormat Open(AudioFormat requested)
    {
        Close();
        _writer = WavWriter.Create(_path, requested.SampleRate, requested.Channels);
        _channels = requested.Channels;
        _pacer?.Reset(requested);
        _state = SinkState.Open;
        return requested;
    }

    public SinkStatus Write(ReadOnlySpan<float> interleaved, int frames)
    {
        var writer = _writer ?? throw new InvalidOperationException("sink is not open");
        try
        {
            writer.WriteFrames(interleaved[..(frames * _channels)]);
        }
        catch (IOException e)
        {
            LastError = e;
            _state = SinkState.Failed;
            return SinkStatus.Failed;
        }
        return _pacer is null || _pacer.Pace(frames) ? SinkStatus.Ok : SinkStatus.Xrun;
    }

    public void Close()
    {
        var writer = _writer;
        _writer = null;
        writer?.Dispose();
        if (_state == SinkState.Open)
            _state = SinkState.Closed;
    }

    public void Dispose() => Close();
}
