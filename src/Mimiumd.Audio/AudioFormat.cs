namespace Mimiumd.Audio;

/// <summary>The shape of the stream between a renderer and a sink: interleaved float frames,
/// delivered one period at a time.</summary>
public readonly record struct AudioFormat
{
    public AudioFormat(int sampleRate, int channels, int periodFrames)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sampleRate);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(channels);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(periodFrames);
        SampleRate = sampleRate;
        Channels = channels;
        PeriodFrames = periodFrames;
    }

    public int SampleRate { get; }
    public int Channels { get; }
    public int PeriodFrames { get; }

    public int SamplesPerPeriod => PeriodFrames * Channels;

    public TimeSpan PeriodDuration => TimeSpan.FromSeconds((double)PeriodFrames / SampleRate);

    public override string ToString() => $"{SampleRate} Hz, {Channels} ch, {PeriodFrames} frames/period";
}
