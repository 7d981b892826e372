namespace Mimiumd.Audio;

/// <summary>Where rendered periods go: a device, a file or nowhere. One thread (the block loop's)
/// opens, writes and closes it; other threads may only read <see cref="State"/> and <see cref="LastError"/>.</summary>
public interface IAudioSink : IDisposable
{
    /// <summary>For logs and status, e.g. the device name.</summary>
    string Name { get; }

    SinkState State { get; }

    /// <summary>Why the sink last failed or went missing; set only off the steady-state path.</summary>
    Exception? LastError { get; }

    /// <summary>Opens for <paramref name="requested"/> and returns what was actually granted
    /// (a device may round the rate or the period size). Throws when the sink cannot be opened.</summary>
    AudioFormat Open(AudioFormat requested);

    /// <summary>Writes <paramref name="frames"/> frames; may block to pace the caller.
    /// Must not allocate in the steady state.</summary>
    SinkStatus Write(ReadOnlySpan<float> interleaved, int frames);

    void Close();
}
