namespace Mimiumd.Alsa;

/// <summary>Float [-1, 1] to the integer formats devices accept. Full scale is 2^15 / 2^31 with +1.0
/// saturating one step below, the usual convention, so k/32768 converts to exactly k.</summary>
internal static class SampleConversion
{
    public static void ToS16(ReadOnlySpan<float> source, Span<short> destination)
    {
        for (int i = 0; i < source.Length; i++)
            destination[i] = (short)Math.Clamp(MathF.Round(source[i] * 32768f), short.MinValue, short.MaxValue);
    }

    public static void ToS32(ReadOnlySpan<float> source, Span<int> destination)
    {
        // In double: float cannot hold 2^31 - 1, and float rounding would skew large values.
        for (int i = 0; i < source.Length; i++)
            destination[i] = (int)Math.Clamp(Math.Round(source[i] * 2147483648.0), int.MinValue, int.MaxValue);
    }
}
