using System.Globalization;

namespace Mimiumd.Audio;

/// <summary>Formats floats exactly like Rust's <c>{:?}</c>, the format of mimium-cli's CSV output, so our CSV
/// can be compared textually with the reference's. Rust prints the shortest round-trip digits, keeps
/// <c>.0</c> on integral values, writes <c>NaN</c>/<c>inf</c>/<c>-inf</c>, and switches to exponent form
/// (<c>1e-5</c>, <c>1.5e16</c>) when a non-zero magnitude is below 1e-4 or at least 1e16
/// (core::fmt::float, <c>float_to_general_debug</c>).</summary>
public static partial class RustFloatFormat
{
    /// <summary>Enough for any f64 in either form: sign, 17 digits, point, zeros after "0.", exponent.</summary>
    public const int MaxLength = 32;

    public static string Format(double value)
    {
        Span<char> buffer = stackalloc char[MaxLength];
        return new string(buffer[..Write(value, buffer)]);
    }

    public static string Format(float value)
    {
        Span<char> buffer = stackalloc char[MaxLength];
        return new string(buffer[..Write(value, buffer)]);
    }

    /// <returns>Characters written into <paramref name="destination"/> (at least <see cref="MaxLength"/> long).</returns>
    public static int Write(double value, Span<char> destination)
    {
        if (!double.IsFinite(value))
            return WriteNonFinite(double.IsNaN(value), value < 0, destination);
        double magnitude = Math.Abs(value);
        bool plain = magnitude == 0 || (magnitude >= 1e-4 && magnitude < 1e16);
        Span<char> digits = stackalloc char[MaxLength];
        int n = ShortestDigits(magnitude, single: false, digits, out int point);
        return Render(double.IsNegative(value), digits[..n], point, plain, destination);
    }

    public static int Write(float value, Span<char> destination)
    {
        if (!float.IsFinite(value))
            return WriteNonFinite(float.IsNaN(value), value < 0, destination);
        // Rust compares in the value's own type: 1e-4 as f32 is slightly below 1e-4 as f64.
        float magnitude = MathF.Abs(value);
        bool plain = magnitude == 0 || (magnitude >= 1e-4f && magnitude < 1e16f);
        Span<char> digits = stackalloc char[MaxLength];
        int n = ShortestDigits(magnitude, single: true, digits, out int point);
        return Render(float.IsNegative(value), digits[..n], point, plain, destination);
    }

    private static int WriteNonFinite(bool nan, bool negative, Span<char> destination)
    {
        ReadOnlySpan<char> text = nan ? "NaN" : negative ? "-inf" : "inf";
        text.CopyTo(destination);
        return text.Length;
    }

    /// <summary>Writes significant digits d1…dn (none for zero) with magnitude = 0.d1…dn × 10^point.</summary>
    private static int Render(bool negative, ReadOnlySpan<char> sig, int point, bool plain, Span<char> dst)
    {
        int w = 0;
        if (negative)
            dst[w++] = '-';
        if (sig.IsEmpty)
        {
            "0.0".CopyTo(dst[w..]);
            return w + 3;
        }
        if (!plain)
        {
            dst[w++] = sig[0];
            if (sig.Length > 1)
            {
                dst[w++] = '.';
                sig[1..].CopyTo(dst[w..]);
                w += sig.Length - 1;
            }
            dst[w++] = 'e';
            (point - 1).TryFormat(dst[w..], out int e, default, CultureInfo.InvariantCulture);
            return w + e;
        }
        if (point <= 0)
        {
            "0.".CopyTo(dst[w..]);
            w += 2;
            dst.Slice(w, -point).Fill('0');
            w += -point;
            sig.CopyTo(dst[w..]);
            return w + sig.Length;
        }
        if (point < sig.Length)
        {
            sig[..point].CopyTo(dst[w..]);
            w += point;
            dst[w++] = '.';
            sig[point..].CopyTo(dst[w..]);
            return w + sig.Length - point;
        }
        sig.CopyTo(dst[w..]);
        w += sig.Length;
        dst.Slice(w, point - sig.Length).Fill('0');
        w += point - sig.Length;
        ".0".CopyTo(dst[w..]);
        return w + 2;
    }
}
