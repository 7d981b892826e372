namespace Mimiumd.Osc;

// Senders disagree on numeric types (Pd sends f, SuperCollider i or f, liblo anything), so
// receivers should coerce instead of demanding one exact tag.
public abstract partial record OscArgument
{
    /// <summary>Reads i, f, d, h as a number, and T/F as 1/0.</summary>
    public bool TryGetDouble(out double value)
    {
        switch (this)
        {
            case Int32 i: value = i.Value; return true;
            case Float32 f: value = f.Value; return true;
            case Float64 d: value = d.Value; return true;
            case Int64 h: value = h.Value; return true;
            case Bool b: value = b.Value ? 1 : 0; return true;
            default: value = 0; return false;
        }
    }

    /// <summary>Reads i and h, T/F as 1/0, and f or d only when they hold a whole number in range.</summary>
    public bool TryGetInt64(out long value)
    {
        switch (this)
        {
            case Int32 i: value = i.Value; return true;
            case Int64 h: value = h.Value; return true;
            case Bool b: value = b.Value ? 1 : 0; return true;
            case Float32 f: return TryWholeNumber(f.Value, out value);
            case Float64 d: return TryWholeNumber(d.Value, out value);
            default: value = 0; return false;
        }
    }

    /// <summary>Reads s and S.</summary>
    public bool TryGetString([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value)
    {
        value = this switch
        {
            String s => s.Value,
            Symbol s => s.Value,
            _ => null,
        };
        return value is not null;
    }

    private static bool TryWholeNumber(double number, out long value)
    {
        // 2^63 is exactly representable as a double, so the upper bound must be exclusive.
        const double TwoPow63 = 9223372036854775808.0;
        if (number == Math.Floor(number) && number >= -TwoPow63 && number < TwoPow63)
        {
            value = (long)number;
            return true;
        }

        value = 0;
        return false;
    }
}
