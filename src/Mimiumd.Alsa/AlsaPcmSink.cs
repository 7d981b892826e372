using Mimiumd.Audio;

namespace Mimiumd.Alsa;

/// <summary>Plays through an ALSA PCM with blocking interleaved writes, which pace the block loop.
/// Underruns and suspends are recovered in place and counted; a vanished device is reported as
/// <see cref="SinkStatus.DeviceMissing"/> so the loop closes it and reopens by name later.
/// Used from one thread at a time (the block loop's).</summary>
public sealed unsafe partial class AlsaPcmSink : IAudioSink
{
    private readonly AlsaPcmOptions _options;
    private SafePcmHandle? _pcm;
    private volatile SinkState _state;
    private volatile Exception? _lastError;
    private AlsaSampleFormat _format;
    private int _channels;
    private int _chunkFrames;
    private short[] _s16 = [];
    private int[] _s32 = [];
    private long _xruns;

    public AlsaPcmSink(AlsaPcmOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrEmpty(options.Device);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Periods, 2);
        if (options.Formats.Count == 0)
            throw new ArgumentException("at least one sample format is needed", nameof(options));
        _options = options;
    }

    public AlsaPcmSink(string device)
        : this(new AlsaPcmOptions { Device = device })
    {
    }

    public string Name => _options.Device;

    public SinkState State => _state;

    public Exception? LastError => _lastError;

    /// <summary>The format negotiated at the latest open.</summary>
    public AlsaSampleFormat SampleFormat => _format;

    /// <summary>Device buffer size granted at the latest open, in frames.</summary>
    public int BufferFrames { get; private set; }

    /// <summary>Underruns and suspends recovered with snd_pcm_recover, over the sink's lifetime.</summary>
    public long Xruns => Interlocked.Read(ref _xruns);

    public SinkStatus Write(ReadOnlySpan<float> interleaved, int frames)
    {
        var pcm = _pcm ?? throw new InvalidOperationException("PCM is not open");
        if (interleaved.Length < frames * _channels)
            throw new ArgumentException("fewer samples than frames × channels", nameof(interleaved));
        bool xrun = false;
        for (int done = 0; done < frames; done += _chunkFrames)
        {
            int chunk = Math.Min(_chunkFrames, frames - done);
            int error = WriteChunk(pcm, interleaved.Slice(done * _channels, chunk * _channels), chunk, ref xrun);
            if (error < 0)
                return Fail(error);
        }
        return xrun ? SinkStatus.Xrun : SinkStatus.Ok;
    }

    public void Close()
    {
        var pcm = _pcm;
        _pcm = null;
        if (pcm is null)
            return;
        // Let what is queued play out, unless the device is gone (drain would only fail).
        if (_state == SinkState.Open)
            Interop.Alsa.snd_pcm_drain(pcm);
        pcm.Dispose();
        if (_state == SinkState.Open)
            _state = SinkState.Closed;
    }

    public void Dispose() => Close();

    internal static SinkStatus Classify(int error) =>
        AlsaException.IsDeviceMissingCode(error) ? SinkStatus.DeviceMissing : SinkStatus.Failed;

    private int WriteChunk(SafePcmHandle pcm, ReadOnlySpan<float> samples, int frames, ref bool xrun)
    {
        switch (_format)
        {
            case AlsaSampleFormat.S16Le:
                SampleConversion.ToS16(samples, _s16);
                fixed (short* p = _s16)
                    return WriteAll(pcm, p, frames, _channels * sizeof(short), ref xrun);
            case AlsaSampleFormat.S32Le:
                SampleConversion.ToS32(samples, _s32);
                fixed (int* p = _s32)
                    return WriteAll(pcm, p, frames, _channels * sizeof(int), ref xrun);
            default:
                fixed (float* p = samples)
                    return WriteAll(pcm, p, frames, _channels * sizeof(float), ref xrun);
        }
    }

    private int WriteAll(SafePcmHandle pcm, void* data, int frames, int bytesPerFrame, ref bool xrun)
    {
        byte* p = (byte*)data;
        var eioRetried = false;
        while (frames > 0)
        {
            nint written = Interop.Alsa.snd_pcm_writei(pcm, p, (nuint)frames);
            if (written >= 0)
            {
                p += written * bytesPerFrame;
                frames -= (int)written;
                continue;
            }
            int error = (int)written;
            // Newer kernels end a write that waited too long (a stalled machine) with EIO rather
            // than an underrun: prepare once and go on like an xrun before giving up on the device.
            if (-error == Interop.Alsa.EIO && !eioRetried)
            {
                eioRetried = true;
                if (Interop.Alsa.snd_pcm_prepare(pcm) < 0)
                    return error;
                xrun = true;
                Interlocked.Increment(ref _xruns);
                continue;
            }
            if (-error is not (Interop.Alsa.EPIPE or Interop.Alsa.ESTRPIPE or Interop.Alsa.EINTR))
                return error;
            // Recovery prepares the PCM again; it restarts once the start threshold refills the buffer.
            int recovered = Interop.Alsa.snd_pcm_recover(pcm, error, 1);
            if (recovered < 0)
                return recovered;
            if (-error != Interop.Alsa.EINTR)
            {
                xrun = true;
                Interlocked.Increment(ref _xruns);
            }
        }
        return 0;
    }

    // Off the steady-state path: the device just failed, so allocating the exception is fine.
    private SinkStatus Fail(int error)
    {
        var status = Classify(error);
        _lastError = new AlsaException("snd_pcm_writei", error, _options.Device);
        _state = status == SinkStatus.DeviceMissing ? SinkState.DeviceMissing : SinkState.Failed;
        return status;
    }
}
