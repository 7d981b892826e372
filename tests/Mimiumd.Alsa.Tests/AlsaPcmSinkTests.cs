using System.Buffers.Binary;
using System.Runtime.InteropServices;
using Mimiumd.Audio;

namespace Mimiumd.Alsa.Tests;

[Collection(AlsaCollection.Name)]
public sealed class AlsaPcmSinkTests : IDisposable
{
    private static readonly AudioFormat Stereo = new(48000, 2, 64);
    private readonly TestPcms _pcms = new();

    public void Dispose() => _pcms.Dispose();

    [AlsaFact]
    public void Float_samples_arrive_bit_exact()
    {
        var written = Play(new AlsaPcmOptions { Device = _pcms.Capture("f.raw") }, AlsaSampleFormat.FloatLe, periods: 10);
        var arrived = MemoryMarshal.Cast<byte, float>(_pcms.Read("f.raw")).ToArray();
        Assert.Equal(written, arrived);
    }

    [AlsaFact]
    public void S16_samples_arrive_converted_from_float()
    {
        var written = Play(new AlsaPcmOptions { Device = _pcms.Capture("s16.raw"), Formats = [AlsaSampleFormat.S16Le] }, AlsaSampleFormat.S16Le, periods: 7);
        var bytes = _pcms.Read("s16.raw");
        Assert.Equal(written.Length * 2, bytes.Length);
        for (int i = 0; i < written.Length; i++)
            Assert.Equal((short)Math.Round(written[i] * 32768), BinaryPrimitives.ReadInt16LittleEndian(bytes.AsSpan(i * 2)));
    }

    [AlsaFact]
    public void S32_samples_arrive_converted_from_float()
    {
        var written = Play(new AlsaPcmOptions { Device = _pcms.Capture("s32.raw"), Formats = [AlsaSampleFormat.S32Le] }, AlsaSampleFormat.S32Le, periods: 5);
        var arrived = MemoryMarshal.Cast<byte, int>(_pcms.Read("s32.raw")).ToArray();
        Assert.Equal(written.Select(x => (int)Math.Round(x * 2147483648.0)), arrived);
    }

    [AlsaFact]
    public void A_device_refusing_float_gets_s32()
    {
        var written = Play(new AlsaPcmOptions { Device = _pcms.CaptureIntegerOnly("int.raw") }, AlsaSampleFormat.S32Le, periods: 4);
        // The linear plugin keeps the top 16 bits of our S32 samples.
        var arrived = MemoryMarshal.Cast<byte, short>(_pcms.Read("int.raw")).ToArray();
        Assert.Equal(written.Select(x => (short)Math.Round(x * 32768)), arrived);
    }

    [AlsaFact]
    public void Open_grants_the_requested_shape_and_buffer()
    {
        using var sink = new AlsaPcmSink(new AlsaPcmOptions { Device = _pcms.Capture("shape.raw"), Periods = 4 });
        var granted = sink.Open(new AudioFormat(44100, 1, 100));
        Assert.Equal(new AudioFormat(44100, 1, 100), granted);
        Assert.Equal(400, sink.BufferFrames);
        Assert.Equal(SinkState.Open, sink.State);
        sink.Close();
        Assert.Equal(SinkState.Closed, sink.State);
    }

    [AlsaFact]
    public void Unknown_device_name_is_a_clear_error()
    {
        using var sink = new AlsaPcmSink("mimiumd_no_such_pcm");
        var e = Assert.Throws<AlsaException>(() => sink.Open(Stereo));
        Assert.Equal(-Interop.Alsa.ENOENT, e.ErrorCode);
        Assert.Equal("snd_pcm_open", e.Function);
        Assert.Contains("'mimiumd_no_such_pcm'", e.Message);
        Assert.Contains("No such file or directory", e.Message);
        Assert.True(e.IsDeviceMissing);
        Assert.Equal(SinkState.DeviceMissing, sink.State);
        Assert.Same(e, sink.LastError);
    }

    [AlsaFact]
    public void Absent_card_is_reported_as_device_missing()
    {
        using var sink = new AlsaPcmSink("hw:CARD=MimiumdNoSuchCard,DEV=0");
        var e = Assert.Throws<AlsaException>(() => sink.Open(Stereo));
        Assert.Equal(-Interop.Alsa.ENODEV, e.ErrorCode);
        Assert.Contains("no such sound card", e.Message);
        Assert.Equal(SinkState.DeviceMissing, sink.State);
    }

    [AlsaFact]
    public void Unsupported_formats_fail_negotiation_clearly()
    {
        using var sink = new AlsaPcmSink(new AlsaPcmOptions { Device = _pcms.CaptureIntegerOnly("none.raw"), Formats = [AlsaSampleFormat.FloatLe] });
        var e = Assert.Throws<AlsaException>(() => sink.Open(Stereo));
        Assert.Contains("FloatLe", e.Message);
        Assert.Equal(SinkState.Failed, sink.State);
    }

    [AlsaFact]
    public void Sink_can_be_reopened_after_close()
    {
        using var sink = new AlsaPcmSink(_pcms.Capture("again.raw"));
        var block = new float[Stereo.SamplesPerPeriod];
        for (int round = 0; round < 3; round++)
        {
            sink.Open(Stereo);
            Assert.Equal(SinkStatus.Ok, sink.Write(block, Stereo.PeriodFrames));
            sink.Close();
        }
    }

    /// <summary>Writes a distinct value per sample (multiples of 2^-15, so every format is exact),
    /// with a last period written in two uneven parts.</summary>
    private float[] Play(AlsaPcmOptions options, AlsaSampleFormat expectedFormat, int periods)
    {
        var all = new float[periods * Stereo.SamplesPerPeriod];
        for (int i = 0; i < all.Length; i++)
            all[i] = ((i * 37) % 65536 - 32768) / 32768f;
        using var sink = new AlsaPcmSink(options);
        Assert.Equal(Stereo, sink.Open(Stereo));
        Assert.Equal(expectedFormat, sink.SampleFormat);
        int samplesPerPeriod = Stereo.SamplesPerPeriod;
        for (int p = 0; p < periods - 1; p++)
            Assert.Equal(SinkStatus.Ok, sink.Write(all.AsSpan(p * samplesPerPeriod, samplesPerPeriod), Stereo.PeriodFrames));
        var last = all.AsSpan((periods - 1) * samplesPerPeriod);
        Assert.Equal(SinkStatus.Ok, sink.Write(last[..10], 5));
        Assert.Equal(SinkStatus.Ok, sink.Write(last[10..], Stereo.PeriodFrames - 5));
        sink.Close();
        Assert.Equal(0, sink.Xruns);
        return all;
    }
}
