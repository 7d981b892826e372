namespace Mimiumd.Osc.Tests.Support;

/// <summary>Packets that together exercise every type tag, arrays and bundles.</summary>
internal static class Samples
{
    public static OscArgument[] OneOfEveryType() =>
    [
        new OscArgument.Int32(-123456),
        new OscArgument.Float32(3.25f),
        new OscArgument.String("héllo wörld"),
        new OscArgument.Blob([1, 2, 3, 0xC0, 0xDB]),
        new OscArgument.Int64(long.MinValue + 7),
        new OscArgument.Float64(-1e300),
        new OscArgument.TimeTag(new OscTimeTag(0xDEADBEEF_12345678)),
        OscArgument.Bool.True,
        OscArgument.Bool.False,
        OscArgument.Nil.Instance,
        OscArgument.Impulse.Instance,
        new OscArgument.Char('x'),
        new OscArgument.Rgba(255, 128, 0, 64),
        new OscArgument.Midi(1, 0x90, 60, 127),
        new OscArgument.Symbol("sym"),
        new OscArgument.Array(1, "two", new OscArgument.Array(3.0f, OscArgument.Nil.Instance), new OscArgument.Array()),
    ];

    public static OscMessage MessageWithEveryType() => new("/every/type", OneOfEveryType());

    public static OscBundle NestedBundle() =>
        new(new OscTimeTag(1000, 1),
            new OscMessage("/first", 1),
            new OscBundle(OscTimeTag.Immediately,
                new OscMessage("/second", "a"),
                new OscBundle(new OscTimeTag(2000, 0), new OscMessage("/third"))),
            new OscMessage("/fourth", 4.0));
}
