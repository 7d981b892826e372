namespace Mimiumd.Audio;

/// <summary>Makes a device-less sink consume frames at the sample rate, like a device with a
/// buffer of <c>bufferPeriods</c> periods: a write blocks while that buffer would be full, and a write
/// arriving after the buffer ran dry is an underrun (the clock then restarts from now).</summary>
internal sealed class PeriodPacer(int bufferPeriods)
{
    private const long NanosPerSecond = 1_000_000_000L;

    private int _sampleRate;
    private long _bufferFrames;
    private long _startNanos;
    private long _framesSinceStart;
    private bool _started;

    public void Reset(AudioFormat format)
    {
        _sampleRate = format.SampleRate;
        _bufferFrames = (long)format.PeriodFrames * bufferPeriods;
        _started = false;
    }

    /// <returns>false when the write came too late (an underrun).</returns>
    public bool Pace(int frames)
    {
        long now = Interop.Time.MonotonicNanoseconds();
        bool onTime = true;
        if (!_started || now > DeadlineOf(_framesSinceStart))
        {
            onTime = !_started;
            _started = true;
            _startNanos = now;
            _framesSinceStart = 0;
        }
        _framesSinceStart += frames;
        Rebase();
        long roomAt = DeadlineOf(_framesSinceStart - _bufferFrames);
        if (roomAt > now)
            Interop.Time.SleepUntil(roomAt);
        return onTime;
    }

    // The time at which the device starts playing frame n.
    private long DeadlineOf(long frame) => _startNanos + frame * NanosPerSecond / _sampleRate;

    // Keeps frame × 1e9 far from overflow on week-long runs: whole seconds move into the start time.
    private void Rebase()
    {
        if (_framesSinceStart < 2L * _sampleRate)
            return;
        _framesSinceStart -= _sampleRate;
        _startNanos += NanosPerSecond;
    }
}
