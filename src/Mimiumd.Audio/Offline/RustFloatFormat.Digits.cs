using System.Globalization;

namespace Mimiumd.Audio;

public static partial class RustFloatFormat
{
    // The exact decimal expansion of any double has at most 767 significant digits.
    private const int ExactDigits = 770;

    /// <summary>The shortest digits that read back as <paramref name="magnitude"/>. .NET and Rust agree on
    /// the shortest length and on picking the candidate nearest the exact value, but when the value lies
    /// exactly halfway between two candidates .NET rounds half to even and Rust rounds up.</summary>
    private static int ShortestDigits(double magnitude, bool single, Span<char> digits, out int point)
    {
        Span<char> text = stackalloc char[MaxLength];
        int length;
        if (single)
            ((float)magnitude).TryFormat(text, out length, "R", CultureInfo.InvariantCulture);
        else
            magnitude.TryFormat(text, out length, "R", CultureInfo.InvariantCulture);
        int n = ParseDigits(text[..length], digits, out point);
        if (n > 0 && IsExactTieBelow(magnitude, digits[..n], point))
        {
            Span<char> up = stackalloc char[MaxLength];
            digits[..n].CopyTo(up);
            int upPoint = point;
            int upLength = IncrementLastDigit(up, n, ref upPoint);
            if (ReadsBackAs(up[..upLength], upPoint, magnitude, single))
            {
                up[..upLength].CopyTo(digits);
                n = upLength;
                point = upPoint;
            }
        }
        return n;
    }

    /// <summary>Reads "1.5E-07", "123.25", "1E+16", "0.0001" into significant digits (no leading or
    /// trailing zeros) and the point position.</summary>
    private static int ParseDigits(ReadOnlySpan<char> text, Span<char> digits, out int point)
    {
        int n = 0, intDigits = 0, exponent = 0;
        bool seenPoint = false;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (c == '.')
                seenPoint = true;
            else if (c is 'E' or 'e')
            {
                exponent = int.Parse(text[(i + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
                break;
            }
            else if (c != '-')
            {
                digits[n++] = c;
                if (!seenPoint)
                    intDigits++;
            }
        }
        point = intDigits + exponent;
        int start = 0;
        while (start < n && digits[start] == '0')
        {
            start++;
            point--;
        }
        while (n > start && digits[n - 1] == '0')
            n--;
        digits[start..n].CopyTo(digits);
        return n - start;
    }

    /// <summary>Whether the exact value is the chosen digits followed by a 5 and nothing else.</summary>
    private static bool IsExactTieBelow(double magnitude, ReadOnlySpan<char> sig, int point)
    {
        // Cheap test first: rounded to one more digit, does the value read "sig5"?
        Span<char> text = stackalloc char[MaxLength + 8];
        Span<char> format = stackalloc char[4];
        format[0] = 'E';
        sig.Length.TryFormat(format[1..], out int fl, default, CultureInfo.InvariantCulture);
        magnitude.TryFormat(text, out int length, format[..(fl + 1)], CultureInfo.InvariantCulture);
        Span<char> rounded = stackalloc char[MaxLength + 8];
        int n = ParseDigits(text[..length], rounded, out int roundedPoint);
        if (n != sig.Length + 1 || roundedPoint != point || rounded[n - 1] != '5' || !rounded[..sig.Length].SequenceEqual(sig))
            return false;
        Span<char> exact = stackalloc char[ExactDigits + 16];
        magnitude.TryFormat(exact, out length, "E767", CultureInfo.InvariantCulture);
        return ParseDigits(exact[..length], exact, out _) == n;
    }

    private static int IncrementLastDigit(Span<char> digits, int n, ref int point)
    {
        int i = n - 1;
        while (i >= 0 && digits[i] == '9')
            i--;
        if (i < 0)
        {
            // 99…9 rounds up to 1 followed by zeros, which are not significant.
            digits[0] = '1';
            point++;
            return 1;
        }
        digits[i]++;
        return i + 1;
    }

    private static bool ReadsBackAs(ReadOnlySpan<char> sig, int point, double magnitude, bool single)
    {
        Span<char> text = stackalloc char[MaxLength + 8];
        "0.".CopyTo(text);
        sig.CopyTo(text[2..]);
        int w = 2 + sig.Length;
        text[w++] = 'E';
        point.TryFormat(text[w..], out int e, default, CultureInfo.InvariantCulture);
        var s = text[..(w + e)];
        return single
            ? float.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture) == (float)magnitude
            : double.Parse(s, NumberStyles.Float, CultureInfo.InvariantCulture) == magnitude;
    }
}
