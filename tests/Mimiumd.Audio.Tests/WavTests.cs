using System.Buffers.Binary;

namespace Mimiumd.Audio.Tests;

public class WavTests
{
    [Fact]
    public void Float_wav_round_trips_bit_exactly_with_patched_sizes()
    {
        var samples = new float[] { 0f, 0.5f, -0.5f, 1f, float.Epsilon, -0.123456789f };
        var stream = new MemoryStream();
        using (var wav = new WavWriter(stream, 48000, 2, leaveOpen: true))
        {
            wav.WriteFrames(samples.AsSpan(0, 2));
            wav.WriteFrames(samples.AsSpan(2));
            Assert.Equal(3, wav.FramesWritten);
        }
        var bytes = stream.ToArray();
        Assert.Equal(WavWriter.HeaderSize + samples.Length * 4, bytes.Length);
        Assert.Equal((uint)bytes.Length - 8, BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(4)));
        Assert.Equal(3, BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(20)));   // IEEE float
        Assert.Equal(32, BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(34)));
        Assert.Equal(48000 * 8, BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(28)));
        Assert.Equal("fact"u8.ToArray(), bytes[38..42]);
        Assert.Equal(3u, BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(46)));
        Assert.Equal("data"u8.ToArray(), bytes[50..54]);
        Assert.Equal((uint)samples.Length * 4, BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(54)));

        var read = WavReader.Parse(bytes);
        Assert.Equal((48000, 2, 3, WavSampleFormat.Float32), (read.SampleRate, read.Channels, read.Frames, read.SourceFormat));
        Assert.Equal(samples, read.Samples);
    }

    [Fact]
    public void Header_is_valid_before_dispose_after_flush()
    {
        var stream = new MemoryStream();
        var wav = new WavWriter(stream, 44100, 1, leaveOpen: true);
        wav.WriteFrames([0.25f]);
        wav.Flush();
        Assert.Equal([0.25f], WavReader.Parse(stream.ToArray()).Samples);
        wav.WriteFrames([0.75f]);
        Assert.Equal(stream.Length, stream.Position);
        wav.Dispose();
        Assert.Equal([0.25f, 0.75f], WavReader.Parse(stream.ToArray()).Samples);
    }

    [Fact]
    public void Unseekable_stream_keeps_unknown_sizes_and_still_reads()
    {
        var inner = new MemoryStream();
        using (var wav = new WavWriter(new ForwardOnlyStream(inner), 8000, 1))
            wav.WriteFrames([0.5f, -0.25f]);
        var bytes = inner.ToArray();
        Assert.Equal(uint.MaxValue, BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(54)));
        Assert.Equal([0.5f, -0.25f], WavReader.Parse(bytes).Samples);
    }

    [Fact]
    public void Reads_int16_pcm()
    {
        var bytes = BuildWav(tag: 1, bits: 16, channels: 2, data: Le16(0, 16384, -32768, 32767));
        var wav = WavReader.Parse(bytes);
        Assert.Equal(WavSampleFormat.Pcm16, wav.SourceFormat);
        Assert.Equal([0f, 0.5f, -1f, 32767f / 32768f], wav.Samples);
    }

    [Fact]
    public void Reads_int32_pcm_and_skips_unknown_chunks()
    {
        var data = new byte[8];
        BinaryPrimitives.WriteInt32LittleEndian(data, int.MinValue);
        BinaryPrimitives.WriteInt32LittleEndian(data.AsSpan(4), 1 << 30);
        var wav = WavReader.Parse(BuildWav(tag: 1, bits: 32, channels: 1, data: data, extraChunk: true));
        Assert.Equal(WavSampleFormat.Pcm32, wav.SourceFormat);
        Assert.Equal([-1f, 0.5f], wav.Samples);
    }

    [Fact]
    public void Reads_extensible_format()
    {
        var wav = WavReader.Parse(BuildWav(tag: 0xFFFE, bits: 16, channels: 1, data: Le16(-16384), subFormat: 1));
        Assert.Equal([-0.5f], wav.Samples);
    }

    [Fact]
    public void Rejects_what_it_cannot_decode()
    {
        Assert.Throws<InvalidDataException>(() => WavReader.Parse("RIFX0000WAVE"u8));
        Assert.Throws<InvalidDataException>(() => WavReader.Parse(BuildWav(tag: 1, bits: 8, channels: 1, data: [0])));
    }

    private static byte[] Le16(params short[] values)
    {
        var bytes = new byte[values.Length * 2];
        for (int i = 0; i < values.Length; i++)
            BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(i * 2), values[i]);
        return bytes;
    }

    private static byte[] BuildWav(ushort tag, int bits, int channels, byte[] data, bool extraChunk = false, ushort subFormat = 0)
    {
        var ms = new MemoryStream();
        var w = new BinaryWriter(ms);
        w.Write("RIFF"u8);
        w.Write(0);
        w.Write("WAVE"u8);
        if (extraChunk)
        {
            w.Write("LIST"u8);
            w.Write(3);
            w.Write(new byte[] { 1, 2, 3, 0 }); // odd size plus its pad byte
        }
        w.Write("fmt "u8);
        w.Write(tag == 0xFFFE ? 40 : 16);
        w.Write(tag);
        w.Write((ushort)channels);
        w.Write(48000);
        w.Write(48000 * channels * bits / 8);
        w.Write((ushort)(channels * bits / 8));
        w.Write((ushort)bits);
        if (tag == 0xFFFE)
        {
            w.Write((ushort)22);
            w.Write((ushort)bits);
            w.Write(0);
            w.Write(subFormat);
            w.Write(new byte[14]);
        }
        w.Write("data"u8);
        w.Write(data.Length);
        w.Write(data);
        w.Flush();
        return ms.ToArray();
    }

    private sealed class ForwardOnlyStream(Stream inner) : Stream
    {
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() => inner.Flush();
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);
    }
}
