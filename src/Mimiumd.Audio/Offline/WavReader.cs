using System.Buffers.Binary;

namespace Mimiumd.Audio;

/// <summary>Reads PCM (16/24/32-bit) and IEEE-float (32/64-bit) WAV files, plain or WAVE_FORMAT_EXTENSIBLE,
/// into float. Meant for tests and tools, so it reads the whole file at once.</summary>
public static class WavReader
{
    private const ushort TagPcm = 1;
    private const ushort TagFloat = 3;
    private const ushort TagExtensible = 0xFFFE;

    public static WavData ReadFile(string path)
    {
        using var stream = File.OpenRead(path);
        return Read(stream);
    }

    public static WavData Read(Stream stream)
    {
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        return Parse(memory.GetBuffer().AsSpan(0, (int)memory.Length));
    }

    public static WavData Parse(ReadOnlySpan<byte> file)
    {
        if (file.Length < 12 || !file[..4].SequenceEqual("RIFF"u8) || !file[8..12].SequenceEqual("WAVE"u8))
            throw new InvalidDataException("not a RIFF/WAVE file");
        (WavSampleFormat Format, int Channels, int Rate)? fmt = null;
        int pos = 12;
        while (pos + 8 <= file.Length)
        {
            var id = file.Slice(pos, 4);
            uint size = BinaryPrimitives.ReadUInt32LittleEndian(file[(pos + 4)..]);
            int body = pos + 8;
            // Streamed WAVs leave the data size at 0xFFFFFFFF; then the data runs to the end.
            int available = (int)Math.Min(size, (uint)(file.Length - body));
            if (id.SequenceEqual("fmt "u8))
            {
                fmt = ParseFormat(file.Slice(body, available));
            }
            else if (id.SequenceEqual("data"u8))
            {
                if (fmt is not { } f)
                    throw new InvalidDataException("data chunk before fmt chunk");
                return new WavData(f.Rate, f.Channels, f.Format, Decode(file.Slice(body, available), f.Format, f.Channels));
            }
            // Chunks are word-aligned: odd sizes are followed by a pad byte.
            pos = body + available + (int)(size & 1);
        }
        throw new InvalidDataException("no data chunk");
    }

    private static (WavSampleFormat, int, int) ParseFormat(ReadOnlySpan<byte> c)
    {
        if (c.Length < 16)
            throw new InvalidDataException("fmt chunk too short");
        ushort tag = BinaryPrimitives.ReadUInt16LittleEndian(c);
        int channels = BinaryPrimitives.ReadUInt16LittleEndian(c[2..]);
        int rate = BinaryPrimitives.ReadInt32LittleEndian(c[4..]);
        int bits = BinaryPrimitives.ReadUInt16LittleEndian(c[14..]);
        // The extensible sub-format GUID starts with the plain format tag.
        if (tag == TagExtensible && c.Length >= 26)
            tag = BinaryPrimitives.ReadUInt16LittleEndian(c[24..]);
        if (channels == 0)
            throw new InvalidDataException("zero channels");
        return (tag, bits) switch
        {
            (TagPcm, 16) => (WavSampleFormat.Pcm16, channels, rate),
            (TagPcm, 24) => (WavSampleFormat.Pcm24, channels, rate),
            (TagPcm, 32) => (WavSampleFormat.Pcm32, channels, rate),
            (TagFloat, 32) => (WavSampleFormat.Float32, channels, rate),
            (TagFloat, 64) => (WavSampleFormat.Float64, channels, rate),
            _ => throw new InvalidDataException($"unsupported WAV format tag {tag} with {bits} bits"),
        };
    }

    private static float[] Decode(ReadOnlySpan<byte> data, WavSampleFormat format, int channels)
    {
        int width = format switch
        {
            WavSampleFormat.Pcm16 => 2,
            WavSampleFormat.Pcm24 => 3,
            WavSampleFormat.Float64 => 8,
            _ => 4,
        };
        int frames = data.Length / (width * channels);
        var samples = new float[frames * channels];
        for (int i = 0; i < samples.Length; i++)
        {
            var s = data.Slice(i * width, width);
            samples[i] = format switch
            {
                WavSampleFormat.Pcm16 => BinaryPrimitives.ReadInt16LittleEndian(s) / 32768f,
                WavSampleFormat.Pcm24 => ((s[0] << 8 | s[1] << 16 | s[2] << 24) >> 8) / 8388608f,
                WavSampleFormat.Pcm32 => (float)(BinaryPrimitives.ReadInt32LittleEndian(s) / 2147483648.0),
                WavSampleFormat.Float32 => BinaryPrimitives.ReadSingleLittleEndian(s),
                _ => (float)BinaryPrimitives.ReadDoubleLittleEndian(s),
            };
        }
        return samples;
    }
}
