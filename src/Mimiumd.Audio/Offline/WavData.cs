namespace Mimiumd.Audio;

public enum WavSampleFormat
{
    Pcm16,
    Pcm24,
    Pcm32,
    Float32,
    Float64,
}

/// <summary>A decoded WAV: interleaved samples as float whatever the file held.</summary>
public sealed class WavData(int sampleRate, int channels, WavSampleFormat sourceFormat, float[] samples)
{
    public int SampleRate { get; } = sampleRate;
    public int Channels { get; } = channels;
    public WavSampleFormat SourceFormat { get; } = sourceFormat;
    public float[] Samples { get; } = samples;
    public int Frames => Samples.Length / Channels;
}
