namespace Mimiumd.Osc;

/// <summary>Turns a type tag string plus payload into arguments, without recursion for arrays.</summary>
internal static class OscArgumentDecoder
{
    public static bool TryDecodeArguments(ref OscSpanReader reader, ReadOnlySpan<byte> typeTags, OscLimits limits, out OscArgument[]? args, out string error)
    {
        args = null;
        var current = new List<OscArgument>();
        // Open arrays, innermost last; an explicit stack keeps hostile nesting off the call stack.
        var enclosing = new Stack<List<OscArgument>>();
        int argumentCount = 0;

        foreach (byte tag in typeTags)
        {
            if (tag == OscWire.ArrayClose)
            {
                if (enclosing.Count == 0)
                {
                    error = "']' without a matching '['";
                    return false;
                }

                var array = new OscArgument.Array(current.ToArray());
                current = enclosing.Pop();
                current.Add(array);
                continue;
            }

            if (++argumentCount > limits.MaxArgumentsPerMessage)
            {
                error = $"message has more than {limits.MaxArgumentsPerMessage} arguments";
                return false;
            }

            if (tag == OscWire.ArrayOpen)
            {
                if (enclosing.Count >= limits.MaxArrayDepth)
                {
                    error = $"arrays nest deeper than the limit of {limits.MaxArrayDepth}";
                    return false;
                }

                enclosing.Push(current);
                current = [];
                continue;
            }

            if (!TryDecodeArgument(ref reader, tag, out OscArgument? arg, out error))
            {
                return false;
            }

            current.Add(arg!);
        }

        if (enclosing.Count != 0)
        {
            error = "'[' without a matching ']'";
            return false;
        }

        args = current.ToArray();
        error = "";
        return true;
    }

    private static bool TryDecodeArgument(ref OscSpanReader reader, byte tag, out OscArgument? arg, out string error)
    {
        arg = null;
        int start = reader.Position;
        error = "";
        switch ((char)tag)
        {
            case 'i' when reader.TryReadInt32(out int i): arg = new OscArgument.Int32(i); return true;
            case 'f' when reader.TryReadInt32(out int f): arg = new OscArgument.Float32(BitConverter.Int32BitsToSingle(f)); return true;
            case 'h' when reader.TryReadUInt64(out ulong h): arg = new OscArgument.Int64((long)h); return true;
            case 'd' when reader.TryReadUInt64(out ulong d): arg = new OscArgument.Float64(BitConverter.Int64BitsToDouble((long)d)); return true;
            case 't' when reader.TryReadUInt64(out ulong t): arg = new OscArgument.TimeTag(new OscTimeTag(t)); return true;
            case 'r' when reader.TryReadBytes(4, out ReadOnlySpan<byte> r): arg = new OscArgument.Rgba(r[0], r[1], r[2], r[3]); return true;
            case 'm' when reader.TryReadBytes(4, out ReadOnlySpan<byte> m): arg = new OscArgument.Midi(m[0], m[1], m[2], m[3]); return true;
            case 'c' when reader.TryReadInt32(out int c): return TryMakeChar(c, start, out arg, out error);
            case 'T': arg = OscArgument.Bool.True; return true;
            case 'F': arg = OscArgument.Bool.False; return true;
            case 'N': arg = OscArgument.Nil.Instance; return true;
            case 'I': arg = OscArgument.Impulse.Instance; return true;
            case 's' or 'S':
                if (!reader.TryReadPaddedString(out ReadOnlySpan<byte> text, out error))
                {
                    return false;
                }

                string value = OscWire.Text.GetString(text);
                arg = tag == 's' ? new OscArgument.String(value) : new OscArgument.Symbol(value);
                return true;
            case 'b': return TryDecodeBlob(ref reader, out arg, out error);
            case 'i' or 'f' or 'h' or 'd' or 't' or 'r' or 'm' or 'c':
                error = $"at byte {start}: argument '{(char)tag}' is truncated";
                return false;
            default:
                error = tag is >= 0x20 and < 0x7f
                    ? $"unknown type tag '{(char)tag}'"
                    : $"unknown type tag byte 0x{tag:x2}";
                return false;
        }
    }

    private static bool TryMakeChar(int code, int start, out OscArgument? arg, out string error)
    {
        // liblo widens a signed C char, so bytes 0x80-0xff can arrive as -128..-1.
        int normalized = code is >= sbyte.MinValue and < 0 ? (byte)code : code;
        if (normalized is < char.MinValue or > char.MaxValue)
        {
            arg = null;
            error = $"at byte {start}: char argument {code} is out of range";
            return false;
        }

        arg = new OscArgument.Char((char)normalized);
        error = "";
        return true;
    }

    private static bool TryDecodeBlob(ref OscSpanReader reader, out OscArgument? arg, out string error)
    {
        arg = null;
        int start = reader.Position;
        if (!reader.TryReadInt32(out int size))
        {
            error = $"at byte {start}: blob size is truncated";
            return false;
        }

        if (size < 0 || size > reader.Remaining)
        {
            error = $"at byte {start}: blob size {size} does not fit the {reader.Remaining} bytes left";
            return false;
        }

        reader.TryReadBytes(size, out ReadOnlySpan<byte> bytes);
        if (!reader.TrySkipPadding(size, out error))
        {
            return false;
        }

        arg = new OscArgument.Blob(bytes.ToArray());
        return true;
    }
}
