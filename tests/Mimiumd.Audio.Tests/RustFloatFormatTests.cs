using System.Globalization;

namespace Mimiumd.Audio.Tests;

public class RustFloatFormatTests
{
    // Every expected string was printed by Rust 1.95 with `{:?}` for the same value.
    [Theory]
    [InlineData(0.0, "0.0")]
    [InlineData(-0.0, "-0.0")]
    [InlineData(1.0, "1.0")]
    [InlineData(-1.0, "-1.0")]
    [InlineData(0.5, "0.5")]
    [InlineData(0.1, "0.1")]
    [InlineData(0.30000000000000004, "0.30000000000000004")]
    [InlineData(1.0 / 3.0, "0.3333333333333333")]
    [InlineData(100.0, "100.0")]
    [InlineData(123456.789, "123456.789")]
    [InlineData(440.0, "440.0")]
    [InlineData(1e-4, "0.0001")]
    [InlineData(9.999999999999999e-5, "9.999999999999999e-5")]
    [InlineData(0.00010000000000000002, "0.00010000000000000002")]
    [InlineData(1e-5, "1e-5")]
    [InlineData(1e-7, "1e-7")]
    [InlineData(1.5e-7, "1.5e-7")]
    [InlineData(-1.5e-7, "-1.5e-7")]
    [InlineData(2.5e-5, "2.5e-5")]
    [InlineData(1e15, "1000000000000000.0")]
    [InlineData(9999999999999998.0, "9999999999999998.0")]
    [InlineData(1e16, "1e16")]
    [InlineData(1.5e16, "1.5e16")]
    [InlineData(1.2345e20, "1.2345e20")]
    [InlineData(1e21, "1e21")]
    [InlineData(1e100, "1e100")]
    [InlineData(double.MaxValue, "1.7976931348623157e308")]
    [InlineData(2.2250738585072014e-308, "2.2250738585072014e-308")]
    [InlineData(5e-324, "5e-324")]
    [InlineData(-1e-320, "-1e-320")]
    [InlineData(double.NaN, "NaN")]
    [InlineData(double.PositiveInfinity, "inf")]
    [InlineData(double.NegativeInfinity, "-inf")]
    [InlineData(1234567890123456.7, "1234567890123456.8")]
    [InlineData(4.0e15 + 0.5, "4000000000000000.5")]
    [InlineData((double)0.1f, "0.10000000149011612")]
    [InlineData(-0.9999999403953552, "-0.9999999403953552")]
    [InlineData(1e7, "10000000.0")]
    [InlineData(12345678.0, "12345678.0")]
    [InlineData(599931540598183.25, "599931540598183.3")] // exact tie: Rust rounds up, not to even
    [InlineData(599931540598183.75, "599931540598183.8")]
    [InlineData(-599931540598183.25, "-599931540598183.3")]
    public void Double_matches_rust_debug(double value, string rust) => Assert.Equal(rust, RustFloatFormat.Format(value));

    [Theory]
    [InlineData(0.0f, "0.0")]
    [InlineData(-0.0f, "-0.0")]
    [InlineData(1.0f, "1.0")]
    [InlineData(0.1f, "0.1")]
    [InlineData(1e-4f, "0.0001")]
    [InlineData(9.9999e-5f, "9.9999e-5")]
    [InlineData(1e-5f, "1e-5")]
    [InlineData(16777216.0f, "16777216.0")]
    [InlineData(1e15f, "1000000000000000.0")]
    [InlineData(1e16f, "1e16")]
    [InlineData(float.MaxValue, "3.4028235e38")]
    [InlineData(1.1754944e-38f, "1.1754944e-38")]
    [InlineData(1e-45f, "1e-45")]
    [InlineData(float.NaN, "NaN")]
    [InlineData(float.NegativeInfinity, "-inf")]
    [InlineData(0.33333334f, "0.33333334")]
    [InlineData(9.999999e-5f, "9.999999e-5")]
    public void Single_matches_rust_debug(float value, string rust) => Assert.Equal(rust, RustFloatFormat.Format(value));

    [Fact]
    public void Random_values_match_rust_debug()
    {
        int checkedCount = 0;
        foreach (var line in File.ReadLines(Path.Combine(AppContext.BaseDirectory, "Data", "rust-float-debug.tsv")))
        {
            if (line.StartsWith('#'))
                continue;
            var cells = line.Split('\t');
            ulong bits = ulong.Parse(cells[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            string actual = cells[0] == "d"
                ? RustFloatFormat.Format(BitConverter.UInt64BitsToDouble(bits))
                : RustFloatFormat.Format(BitConverter.UInt32BitsToSingle((uint)bits));
            Assert.True(cells[2] == actual, $"{cells[0]} {cells[1]}: rust {cells[2]}, ours {actual}");
            checkedCount++;
        }
        Assert.Equal(700, checkedCount);
    }

    [Fact]
    public void Longest_outputs_fit_the_advertised_buffer()
    {
        Span<char> buffer = stackalloc char[RustFloatFormat.MaxLength];
        Assert.Equal("-0.00012345678901234567".Length, RustFloatFormat.Write(-0.00012345678901234567, buffer));
        Assert.Equal("-1.2345678901234567e-300".Length, RustFloatFormat.Write(-1.2345678901234567e-300, buffer));
    }
}
