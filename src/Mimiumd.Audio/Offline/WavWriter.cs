using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace Mimiumd.Audio;

/// <summary>Streams interleaved samples into a 32-bit IEEE-float WAV (format tag 3). The RIFF, fact and
/// data sizes are patched when disposed (or on <see cref="Flush"/>); on a stream that cannot seek they stay
/// 0xFFFFFFFF, the usual "length unknown" marker of streamed WAV.</summary>
public sealed class WavWriter : IDisposable
{
    internal const int HeaderSize = 58;
    private const int FormatChunkSize = 18;
    private const ushort FormatIeeeFloat = 3;
    private const int RiffSizeOffset = 4;
    private const int FactFramesOffset = 46;
    private const int DataSizeOffset = 54;

    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private readonly long _headerStart;
    private long _dataBytes;
    private bool _disposed;

    public WavWriter(Stream stream, int sampleRate, int channels, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sampleRate);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(channels);
        if (!BitConverter.IsLittleEndian)
            throw new PlatformNotSupportedException("WAV samples are written straight from memory, which needs a little-endian CPU");
        _stream = stream;
        _leaveOpen = leaveOpen;
        SampleRate = sampleRate;
        Channels = channels;
        _headerStart = stream.CanSeek ? stream.Position : 0;
        Span<byte> header = stackalloc byte[HeaderSize];
        WriteHeader(header, sampleRate, channels);
        stream.Write(header);
    }

    public static WavWriter Create(string path, int sampleRate, int channels) =>
        new(new FileStream(path, FileMode.Create, FileAccess.ReadWrite, FileShare.Read), sampleRate, channels);

    public int SampleRate { get; }

    public int Channels { get; }

    public long FramesWritten => _dataBytes / (sizeof(float) * Channels);

    /// <summary>Appends whole frames; allocation-free.</summary>
    public void WriteFrames(ReadOnlySpan<float> interleaved)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (interleaved.Length % Channels != 0)
            throw new ArgumentException($"{interleaved.Length} samples is not a whole number of {Channels}-channel frames", nameof(interleaved));
        _stream.Write(MemoryMarshal.AsBytes(interleaved));
        _dataBytes += (long)interleaved.Length * sizeof(float);
    }

    /// <summary>Makes everything written so far a valid file, e.g. for a recording that may be cut by power loss.</summary>
    public void Flush()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        PatchSizes();
        _stream.Flush();
    }

    public void Dispose()
    {
        if (_disposed)
            return;
        PatchSizes();
        _stream.Flush();
        _disposed = true;
        if (!_leaveOpen)
            _stream.Dispose();
    }

    private void PatchSizes()
    {
        if (!_stream.CanSeek)
            return;
        // A RIFF size cannot describe more than 4 GiB; past that the "unknown" marker is the honest value.
        bool fits = _dataBytes <= uint.MaxValue - (HeaderSize - 8);
        uint data = fits ? (uint)_dataBytes : uint.MaxValue;
        uint riff = fits ? (uint)(_dataBytes + HeaderSize - 8) : uint.MaxValue;
        uint frames = fits ? (uint)FramesWritten : uint.MaxValue;
        long end = _stream.Position;
        Span<byte> field = stackalloc byte[4];
        PatchAt(RiffSizeOffset, riff, field);
        PatchAt(FactFramesOffset, frames, field);
        PatchAt(DataSizeOffset, data, field);
        _stream.Position = end;
    }

    private void PatchAt(int offset, uint value, Span<byte> field)
    {
        BinaryPrimitives.WriteUInt32LittleEndian(field, value);
        _stream.Position = _headerStart + offset;
        _stream.Write(field);
    }

    // Sizes start as the "unknown" marker until PatchSizes knows them.
    private static void WriteHeader(Span<byte> h, int sampleRate, int channels)
    {
        int blockAlign = channels * sizeof(float);
        "RIFF"u8.CopyTo(h);
        BinaryPrimitives.WriteUInt32LittleEndian(h[RiffSizeOffset..], uint.MaxValue);
        "WAVE"u8.CopyTo(h[8..]);
        "fmt "u8.CopyTo(h[12..]);
        BinaryPrimitives.WriteInt32LittleEndian(h[16..], FormatChunkSize);
        BinaryPrimitives.WriteUInt16LittleEndian(h[20..], FormatIeeeFloat);
        BinaryPrimitives.WriteUInt16LittleEndian(h[22..], checked((ushort)channels));
        BinaryPrimitives.WriteInt32LittleEndian(h[24..], sampleRate);
        BinaryPrimitives.WriteInt32LittleEndian(h[28..], sampleRate * blockAlign);
        BinaryPrimitives.WriteUInt16LittleEndian(h[32..], checked((ushort)blockAlign));
        BinaryPrimitives.WriteUInt16LittleEndian(h[34..], 32);
        BinaryPrimitives.WriteUInt16LittleEndian(h[36..], 0); // cbSize: no extension
        // Non-PCM WAVs carry a fact chunk with the frame count (RIFF spec; some readers require it).
        "fact"u8.CopyTo(h[38..]);
        BinaryPrimitives.WriteInt32LittleEndian(h[42..], 4);
        BinaryPrimitives.WriteUInt32LittleEndian(h[FactFramesOffset..], uint.MaxValue);
        "data"u8.CopyTo(h[50..]);
        BinaryPrimitives.WriteUInt32LittleEndian(h[DataSizeOffset..], uint.MaxValue);
    }
}
