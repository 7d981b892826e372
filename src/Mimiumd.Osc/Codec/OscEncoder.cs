using System.Buffers.Binary;

namespace Mimiumd.Osc;

/// <summary>Two passes, measure then write, so callers can encode into a buffer they own.</summary>
internal static class OscEncoder
{
    public static int Measure(OscPacket packet)
    {
        ArgumentNullException.ThrowIfNull(packet);
        return packet switch
        {
            OscMessage message => MeasureMessage(message),
            OscBundle bundle => MeasureBundle(bundle),
            _ => throw new ArgumentException($"Unknown packet type {packet.GetType()}.", nameof(packet)),
        };
    }

    public static int Write(OscPacket packet, Span<byte> destination)
    {
        int length = Measure(packet);
        if (destination.Length < length)
        {
            throw new ArgumentException($"Destination holds {destination.Length} bytes; the packet needs {length}.", nameof(destination));
        }

        var writer = new SpanWriter(destination[..length]);
        WritePacket(ref writer, packet);
        return length;
    }

    private static int MeasureBundle(OscBundle bundle)
    {
        ArgumentNullException.ThrowIfNull(bundle.Elements, nameof(OscBundle.Elements));
        int length = OscWire.BundleHeader.Length + sizeof(ulong);
        foreach (OscPacket element in bundle.Elements)
        {
            length = checked(length + sizeof(int) + Measure(element));
        }

        return length;
    }

    private static int MeasureMessage(OscMessage message)
    {
        ValidateAddress(message.Address);
        ArgumentNullException.ThrowIfNull(message.Args, nameof(OscMessage.Args));
        int tagCount = 1 + CountTypeTags(message.Args);
        int length = MeasureString(message.Address) + OscWire.PaddedStringLength(tagCount);
        return checked(length + MeasureArguments(message.Args));
    }

    private static int CountTypeTags(IReadOnlyList<OscArgument> args)
    {
        int count = 0;
        foreach (OscArgument arg in args)
        {
            ArgumentNullException.ThrowIfNull(arg, "argument");
            count += arg is OscArgument.Array array ? 2 + CountTypeTags(array.Elements) : 1;
        }

        return count;
    }

    private static int MeasureArguments(IReadOnlyList<OscArgument> args)
    {
        int length = 0;
        foreach (OscArgument arg in args)
        {
            length = checked(length + MeasureArgument(arg));
        }

        return length;
    }

    private static int MeasureArgument(OscArgument arg) => arg switch
    {
        OscArgument.Int32 or OscArgument.Float32 or OscArgument.Char or OscArgument.Rgba or OscArgument.Midi => 4,
        OscArgument.Int64 or OscArgument.Float64 or OscArgument.TimeTag => 8,
        OscArgument.Bool or OscArgument.Nil or OscArgument.Impulse => 0,
        OscArgument.String s => MeasureString(s.Value),
        OscArgument.Symbol s => MeasureString(s.Value),
        OscArgument.Blob b => checked(sizeof(int) + OscWire.Align4(b.Value.Length)),
        OscArgument.Array a => MeasureArguments(a.Elements),
        _ => throw new ArgumentException($"Unknown argument type {arg.GetType()}.", nameof(arg)),
    };

    private static int MeasureString(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        // A NUL would end the string early on the wire and silently change the message.
        if (value.Contains('\0'))
        {
            throw new ArgumentException("OSC strings cannot contain U+0000.", nameof(value));
        }

        return OscWire.PaddedStringLength(OscWire.Text.GetByteCount(value));
    }

    private static void ValidateAddress(string address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (address.Length == 0 || address[0] != '/')
        {
            throw new ArgumentException($"OSC address must start with '/': \"{address}\".", nameof(address));
        }
    }

    private static void WritePacket(ref SpanWriter writer, OscPacket packet)
    {
        if (packet is OscMessage message)
        {
            WriteMessage(ref writer, message);
            return;
        }

        var bundle = (OscBundle)packet;
        writer.WriteBytes(OscWire.BundleHeader);
        writer.WriteUInt64(bundle.Time.Value);
        foreach (OscPacket element in bundle.Elements)
        {
            int sizePosition = writer.Position;
            writer.WriteInt32(0);
            WritePacket(ref writer, element);
            writer.PatchInt32(sizePosition, writer.Position - sizePosition - sizeof(int));
        }
    }

    private static void WriteMessage(ref SpanWriter writer, OscMessage message)
    {
        writer.WriteString(message.Address);
        int tagStart = writer.Position;
        writer.WriteByte(OscWire.TypeTagStart);
        WriteTypeTags(ref writer, message.Args);
        writer.WriteByte(0);
        writer.PadFrom(tagStart);
        WriteArguments(ref writer, message.Args);
    }

    private static void WriteTypeTags(ref SpanWriter writer, IReadOnlyList<OscArgument> args)
    {
        foreach (OscArgument arg in args)
        {
            writer.WriteByte((byte)arg.TypeTag);
            if (arg is OscArgument.Array array)
            {
                WriteTypeTags(ref writer, array.Elements);
                writer.WriteByte(OscWire.ArrayClose);
            }
        }
    }

    private static void WriteArguments(ref SpanWriter writer, IReadOnlyList<OscArgument> args)
    {
        foreach (OscArgument arg in args)
        {
            WriteArgument(ref writer, arg);
        }
    }

    private static void WriteArgument(ref SpanWriter writer, OscArgument arg)
    {
        switch (arg)
        {
            case OscArgument.Int32 a: writer.WriteInt32(a.Value); break;
            case OscArgument.Float32 a: writer.WriteInt32(BitConverter.SingleToInt32Bits(a.Value)); break;
            case OscArgument.Int64 a: writer.WriteUInt64((ulong)a.Value); break;
            case OscArgument.Float64 a: writer.WriteUInt64((ulong)BitConverter.DoubleToInt64Bits(a.Value)); break;
            case OscArgument.TimeTag a: writer.WriteUInt64(a.Value.Value); break;
            case OscArgument.Char a: writer.WriteInt32(a.Value); break;
            case OscArgument.Rgba a: writer.WriteBytes([a.Red, a.Green, a.Blue, a.Alpha]); break;
            case OscArgument.Midi a: writer.WriteBytes([a.Port, a.Status, a.Data1, a.Data2]); break;
            case OscArgument.String a: writer.WriteString(a.Value); break;
            case OscArgument.Symbol a: writer.WriteString(a.Value); break;
            case OscArgument.Blob a:
                writer.WriteInt32(a.Value.Length);
                int blobStart = writer.Position;
                writer.WriteBytes(a.Value);
                writer.PadFrom(blobStart);
                break;
            case OscArgument.Array a: WriteArguments(ref writer, a.Elements); break;
            default: break; // T, F, N and I live only in the type tag string.
        }
    }

    /// <summary>Writes into a span pre-sized by Measure, so bounds were already checked.</summary>
    private ref struct SpanWriter(Span<byte> buffer)
    {
        private readonly Span<byte> _buffer = buffer;

        public int Position { get; private set; }

        public void WriteByte(byte value) => _buffer[Position++] = value;

        public void WriteBytes(scoped ReadOnlySpan<byte> bytes)
        {
            bytes.CopyTo(_buffer[Position..]);
            Position += bytes.Length;
        }

        public void WriteInt32(int value)
        {
            BinaryPrimitives.WriteInt32BigEndian(_buffer[Position..], value);
            Position += sizeof(int);
        }

        public void WriteUInt64(ulong value)
        {
            BinaryPrimitives.WriteUInt64BigEndian(_buffer[Position..], value);
            Position += sizeof(ulong);
        }

        public readonly void PatchInt32(int position, int value) =>
            BinaryPrimitives.WriteInt32BigEndian(_buffer[position..], value);

        public void WriteString(string value)
        {
            int start = Position;
            Position += OscWire.Text.GetBytes(value, _buffer[Position..]);
            _buffer[Position++] = 0;
            PadFrom(start);
        }

        /// <summary>Zero-fills up to the next four-byte boundary measured from <paramref name="start"/>.</summary>
        public void PadFrom(int start)
        {
            int end = start + OscWire.Align4(Position - start);
            _buffer[Position..end].Clear();
            Position = end;
        }
    }
}
