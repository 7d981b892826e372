namespace Mimiumd.Osc;

/// <summary>
/// One OSC argument. A closed set of cases, one per type tag, so consumers can pattern match
/// exhaustively (e.g. <c>case OscArgument.Float32 { Value: var f }</c>).
/// </summary>
public abstract partial record OscArgument
{
    // Only the nested cases below may derive, which keeps the codec's switch statements complete.
    private OscArgument()
    {
    }

    /// <summary>The character that represents this argument in a type tag string.</summary>
    public abstract char TypeTag { get; }

    public sealed override string ToString() => OscTextFormat.Format(this);

    /// <summary>Type tag 'i'.</summary>
    public sealed record Int32(int Value) : OscArgument
    {
        public override char TypeTag => 'i';
    }

    /// <summary>Type tag 'f'.</summary>
    public sealed record Float32(float Value) : OscArgument
    {
        public override char TypeTag => 'f';
    }

    /// <summary>Type tag 's'. Must not contain U+0000, which terminates OSC strings.</summary>
    public sealed record String(string Value) : OscArgument
    {
        public override char TypeTag => 's';
    }

    /// <summary>Type tag 'b'. Compared by content, not by array identity.</summary>
    public sealed record Blob(byte[] Value) : OscArgument
    {
        public override char TypeTag => 'b';

        public bool Equals(Blob? other) => other is not null && Value.AsSpan().SequenceEqual(other.Value);

        public override int GetHashCode()
        {
            var hash = new HashCode();
            hash.AddBytes(Value);
            return hash.ToHashCode();
        }
    }

    /// <summary>Type tag 'h'.</summary>
    public sealed record Int64(long Value) : OscArgument
    {
        public override char TypeTag => 'h';
    }

    /// <summary>Type tag 'd'.</summary>
    public sealed record Float64(double Value) : OscArgument
    {
        public override char TypeTag => 'd';
    }

    /// <summary>Type tag 't'.</summary>
    public sealed record TimeTag(OscTimeTag Value) : OscArgument
    {
        public override char TypeTag => 't';
    }

    /// <summary>Type tags 'T' and 'F'; they carry no payload bytes.</summary>
    public sealed record Bool(bool Value) : OscArgument
    {
        public static Bool True { get; } = new(true);

        public static Bool False { get; } = new(false);

        public override char TypeTag => Value ? 'T' : 'F';
    }

    /// <summary>Type tag 'N'.</summary>
    public sealed record Nil : OscArgument
    {
        public static Nil Instance { get; } = new();

        public override char TypeTag => 'N';
    }

    /// <summary>Type tag 'I': "impulse" in OSC 1.1, "infinitum" in OSC 1.0.</summary>
    public sealed record Impulse : OscArgument
    {
        public static Impulse Instance { get; } = new();

        public override char TypeTag => 'I';
    }

    /// <summary>Type tag 'c': a character sent as a 32-bit big-endian integer.</summary>
    public sealed record Char(char Value) : OscArgument
    {
        public override char TypeTag => 'c';
    }

    /// <summary>Type tag 'r': 32-bit colour, red in the most significant byte.</summary>
    public sealed record Rgba(byte Red, byte Green, byte Blue, byte Alpha) : OscArgument
    {
        public override char TypeTag => 'r';
    }

    /// <summary>Type tag 'm': port id, status byte, data1, data2 from most to least significant byte.</summary>
    public sealed record Midi(byte Port, byte Status, byte Data1, byte Data2) : OscArgument
    {
        public override char TypeTag => 'm';
    }

    /// <summary>Type tag 'S': encoded like a string, but marked as a symbol by the sender.</summary>
    public sealed record Symbol(string Value) : OscArgument
    {
        public override char TypeTag => 'S';
    }

    /// <summary>Type tags '[' ... ']'. Compared by content.</summary>
    public sealed record Array(IReadOnlyList<OscArgument> Elements) : OscArgument
    {
        public Array(params OscArgument[] elements) : this((IReadOnlyList<OscArgument>)elements)
        {
        }

        public override char TypeTag => '[';

        public bool Equals(Array? other) => other is not null && Elements.SequenceEqual(other.Elements);

        public override int GetHashCode()
        {
            var hash = new HashCode();
            foreach (OscArgument element in Elements)
            {
                hash.Add(element);
            }

            return hash.ToHashCode();
        }
    }

    public static implicit operator OscArgument(int value) => new Int32(value);

    public static implicit operator OscArgument(long value) => new Int64(value);

    public static implicit operator OscArgument(float value) => new Float32(value);

    public static implicit operator OscArgument(double value) => new Float64(value);

    public static implicit operator OscArgument(string value) => new String(value);

    public static implicit operator OscArgument(bool value) => value ? Bool.True : Bool.False;

    public static implicit operator OscArgument(byte[] value) => new Blob(value);

    public static implicit operator OscArgument(OscTimeTag value) => new TimeTag(value);
}
