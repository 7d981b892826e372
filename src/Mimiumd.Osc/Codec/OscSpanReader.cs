using System.Buffers.Binary;

namespace Mimiumd.Osc;

/// <summary>
/// Bounds-checked cursor over untrusted bytes. Every read reports failure instead of throwing, so
/// the decoder built on it cannot throw on any input.
/// </summary>
internal ref struct OscSpanReader(ReadOnlySpan<byte> data)
{
    private readonly ReadOnlySpan<byte> _data = data;

    public int Position { get; private set; }

    public readonly int Remaining => _data.Length - Position;

    public readonly bool AtEnd => Position == _data.Length;

    public readonly byte PeekByte() => _data[Position];

    public bool TryReadInt32(out int value)
    {
        if (Remaining < sizeof(int))
        {
            value = 0;
            return false;
        }

        value = BinaryPrimitives.ReadInt32BigEndian(_data[Position..]);
        Position += sizeof(int);
        return true;
    }

    public bool TryReadUInt64(out ulong value)
    {
        if (Remaining < sizeof(ulong))
        {
            value = 0;
            return false;
        }

        value = BinaryPrimitives.ReadUInt64BigEndian(_data[Position..]);
        Position += sizeof(ulong);
        return true;
    }

    public bool TryReadBytes(int count, out ReadOnlySpan<byte> bytes)
    {
        if (count < 0 || Remaining < count)
        {
            bytes = default;
            return false;
        }

        bytes = _data.Slice(Position, count);
        Position += count;
        return true;
    }

    /// <summary>Reads a NUL-terminated string and its zero padding up to a four-byte boundary.</summary>
    public bool TryReadPaddedString(out ReadOnlySpan<byte> content, out string error)
    {
        content = default;
        ReadOnlySpan<byte> rest = _data[Position..];
        int terminator = rest.IndexOf((byte)0);
        if (terminator < 0)
        {
            error = $"at byte {Position}: string is not NUL-terminated";
            return false;
        }

        int padded = OscWire.PaddedStringLength(terminator);
        if (padded > rest.Length)
        {
            error = $"at byte {Position}: string padding runs past the end of the data";
            return false;
        }

        if (rest[(terminator + 1)..padded].ContainsAnyExcept((byte)0))
        {
            error = $"at byte {Position}: non-zero padding after string";
            return false;
        }

        content = rest[..terminator];
        Position += padded;
        error = "";
        return true;
    }

    /// <summary>Skips the zero padding that follows <paramref name="length"/> bytes of payload.</summary>
    public bool TrySkipPadding(int length, out string error)
    {
        int padding = OscWire.Align4(length) - length;
        if (Remaining < padding)
        {
            error = $"at byte {Position}: padding runs past the end of the data";
            return false;
        }

        if (_data.Slice(Position, padding).ContainsAnyExcept((byte)0))
        {
            error = $"at byte {Position}: non-zero padding";
            return false;
        }

        Position += padding;
        error = "";
        return true;
    }
}
