namespace Mimiumd.Osc.Tests.Codec;

public class ArgumentCoercionTests
{
    public static TheoryData<OscArgument, double> Numbers() => new()
    {
        { new OscArgument.Int32(-3), -3 },
        { new OscArgument.Float32(0.5f), 0.5 },
        { new OscArgument.Float64(1e-9), 1e-9 },
        { new OscArgument.Int64(1L << 40), 1L << 40 },
        { OscArgument.Bool.True, 1 },
        { OscArgument.Bool.False, 0 },
    };

    [Theory]
    [MemberData(nameof(Numbers))]
    public void Numeric_and_boolean_arguments_read_as_double(OscArgument argument, double expected)
    {
        Assert.True(argument.TryGetDouble(out double value));
        Assert.Equal(expected, value);
    }

    [Fact]
    public void Non_numeric_arguments_do_not_read_as_double()
    {
        Assert.False(new OscArgument.String("1").TryGetDouble(out _));
        Assert.False(OscArgument.Nil.Instance.TryGetDouble(out _));
        Assert.False(new OscArgument.Array(1).TryGetDouble(out _));
    }

    [Fact]
    public void Strings_and_symbols_read_as_string_and_nothing_else_does()
    {
        Assert.True(new OscArgument.String("a").TryGetString(out string? s));
        Assert.Equal("a", s);
        Assert.True(new OscArgument.Symbol("b").TryGetString(out string? symbol));
        Assert.Equal("b", symbol);
        Assert.False(new OscArgument.Char('c').TryGetString(out _));
        Assert.False(new OscArgument.Int32(1).TryGetString(out _));
    }

    [Fact]
    public void Whole_floats_read_as_integers_but_fractions_do_not()
    {
        Assert.True(new OscArgument.Float32(3f).TryGetInt64(out long three));
        Assert.Equal(3, three);
        Assert.False(new OscArgument.Float32(3.5f).TryGetInt64(out _));
        Assert.False(new OscArgument.Float64(double.NaN).TryGetInt64(out _));
        Assert.False(new OscArgument.Float64(9.3e18).TryGetInt64(out _));
        Assert.True(new OscArgument.Int64(long.MaxValue).TryGetInt64(out long max));
        Assert.Equal(long.MaxValue, max);
    }
}
