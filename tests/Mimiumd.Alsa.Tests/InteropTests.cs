using System.Runtime.InteropServices;

namespace Mimiumd.Alsa.Tests;

[Collection(AlsaCollection.Name)]
public class InteropTests
{
    [AlsaFact]
    public void Pcm_constants_match_the_library()
    {
        Assert.Equal("PLAYBACK", Name(Interop.Alsa.snd_pcm_stream_name(Interop.Alsa.SND_PCM_STREAM_PLAYBACK)));
        Assert.Equal("RW_INTERLEAVED", Name(Interop.Alsa.snd_pcm_access_name(Interop.Alsa.SND_PCM_ACCESS_RW_INTERLEAVED)));
        foreach (var format in Enum.GetValues<AlsaSampleFormat>())
        {
            string alsaName = format switch
            {
                AlsaSampleFormat.S16Le => "S16_LE",
                AlsaSampleFormat.S32Le => "S32_LE",
                _ => "FLOAT_LE",
            };
            Assert.Equal(alsaName, Name(Interop.Alsa.snd_pcm_format_name((int)format)));
            Assert.Equal((int)format, Interop.Alsa.snd_pcm_format_value(alsaName));
        }
    }

    [AlsaFact]
    public void Errno_constants_match_their_messages()
    {
        Assert.Equal("No such file or directory", Interop.Alsa.ErrorText(-Interop.Alsa.ENOENT));
        Assert.Equal("Interrupted system call", Interop.Alsa.ErrorText(-Interop.Alsa.EINTR));
        Assert.Equal("No such device or address", Interop.Alsa.ErrorText(-Interop.Alsa.ENXIO));
        Assert.Equal("Resource temporarily unavailable", Interop.Alsa.ErrorText(-Interop.Alsa.EAGAIN));
        Assert.Equal("Device or resource busy", Interop.Alsa.ErrorText(-Interop.Alsa.EBUSY));
        Assert.Equal("No such device", Interop.Alsa.ErrorText(-Interop.Alsa.ENODEV));
        Assert.Equal("Invalid argument", Interop.Alsa.ErrorText(-Interop.Alsa.EINVAL));
        Assert.Equal("Broken pipe", Interop.Alsa.ErrorText(-Interop.Alsa.EPIPE));
        Assert.Equal("File descriptor in bad state", Interop.Alsa.ErrorText(-Interop.Alsa.EBADFD));
        Assert.Equal("Streams pipe error", Interop.Alsa.ErrorText(-Interop.Alsa.ESTRPIPE));
        Assert.Equal("Cannot send after transport endpoint shutdown", Interop.Alsa.ErrorText(-Interop.Alsa.ESHUTDOWN));
    }

    [AlsaFact]
    public void Library_loads_through_the_resolver()
    {
        Assert.True(AlsaLibrary.TryGetVersion(out var version));
        Assert.Matches(@"^1\.\d+\.\d+", version);
    }

    [Fact]
    public void Errors_map_to_sink_statuses()
    {
        Assert.Equal(Mimiumd.Audio.SinkStatus.DeviceMissing, AlsaPcmSink.Classify(-Interop.Alsa.ENODEV));
        Assert.Equal(Mimiumd.Audio.SinkStatus.DeviceMissing, AlsaPcmSink.Classify(-Interop.Alsa.EBADFD));
        Assert.Equal(Mimiumd.Audio.SinkStatus.DeviceMissing, AlsaPcmSink.Classify(-Interop.Alsa.ESHUTDOWN));
        Assert.Equal(Mimiumd.Audio.SinkStatus.Failed, AlsaPcmSink.Classify(-5)); // EIO
        Assert.Equal(Mimiumd.Audio.SinkStatus.Failed, AlsaPcmSink.Classify(-Interop.Alsa.EBUSY));
    }

    [Fact]
    public void Conversion_is_exact_for_representable_values_and_saturates()
    {
        float[] source = [0f, 0.5f, -1f, 1f, 1.5f, -2f, 1f / 32768f, -3f / 32768f];
        var s16 = new short[source.Length];
        SampleConversion.ToS16(source, s16);
        Assert.Equal(new short[] { 0, 16384, -32768, 32767, 32767, -32768, 1, -3 }, s16);
        var s32 = new int[source.Length];
        SampleConversion.ToS32(source, s32);
        Assert.Equal(new[] { 0, 1 << 30, int.MinValue, int.MaxValue, int.MaxValue, int.MinValue, 1 << 16, -3 << 16 }, s32);
    }

    private static string? Name(nint text) => Marshal.PtrToStringUTF8(text);
}
