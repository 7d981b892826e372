using Mimiumd.Osc.Tests.Support;

namespace Mimiumd.Osc.Tests.Codec;

public class RoundTripTests
{
    private static OscPacket RoundTrip(OscPacket packet)
    {
        byte[] bytes = OscCodec.Encode(packet);
        Assert.Equal(0, bytes.Length % 4);
        Assert.True(OscCodec.TryDecode(bytes, out OscPacket? decoded, out string error), error);
        Assert.Equal("", error);
        return decoded;
    }

    public static TheoryData<OscArgument> EveryArgumentType() => new(Samples.OneOfEveryType());

    [Theory]
    [MemberData(nameof(EveryArgumentType))]
    public void Each_type_tag_survives_a_round_trip_alone(OscArgument argument)
    {
        var message = new OscMessage("/single", argument);

        Assert.Equal(message, RoundTrip(message));
    }

    [Fact]
    public void All_type_tags_survive_a_round_trip_together()
    {
        OscMessage message = Samples.MessageWithEveryType();

        var decoded = Assert.IsType<OscMessage>(RoundTrip(message));

        Assert.Equal(message, decoded);
        Assert.Equal(",ifsbhdtTFNIcrmS[is[fN][]]", decoded.TypeTags);
    }

    [Fact]
    public void Message_without_arguments_is_encoded_with_an_empty_type_tag_string()
    {
        byte[] bytes = OscCodec.Encode(new OscMessage("/ping"));

        Assert.Equal("/ping\0\0\0,\0\0\0"u8.ToArray(), bytes);
        Assert.Equal(new OscMessage("/ping"), RoundTrip(new OscMessage("/ping")));
    }

    [Theory]
    [InlineData(float.NaN)]
    [InlineData(float.PositiveInfinity)]
    [InlineData(float.NegativeInfinity)]
    [InlineData(-0.0f)]
    [InlineData(float.Epsilon)]
    public void Special_float_values_survive_bit_for_bit(float value)
    {
        var decoded = (OscMessage)RoundTrip(new OscMessage("/f", value));

        float result = Assert.IsType<OscArgument.Float32>(decoded.Args[0]).Value;
        Assert.Equal(BitConverter.SingleToInt32Bits(value), BitConverter.SingleToInt32Bits(result));
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("abcd")]
    [InlineData("abcde")]
    public void Strings_of_every_padding_remainder_survive(string text)
    {
        var message = new OscMessage("/s" + text, text, new OscArgument.Symbol(text), new OscArgument.Blob(System.Text.Encoding.ASCII.GetBytes(text)));

        Assert.Equal(message, RoundTrip(message));
    }

    [Fact]
    public void Nested_bundles_survive_with_their_time_tags()
    {
        OscBundle bundle = Samples.NestedBundle();

        Assert.Equal(bundle, RoundTrip(bundle));
    }

    [Fact]
    public void Empty_bundle_survives()
    {
        var bundle = new OscBundle(OscTimeTag.Immediately);

        Assert.Equal(bundle, RoundTrip(bundle));
        Assert.Equal(16, OscCodec.Encode(bundle).Length);
    }

    [Fact]
    public void Bundle_messages_are_enumerated_in_order_with_their_innermost_time_tag()
    {
        var messages = Samples.NestedBundle().EnumerateMessages().ToList();

        Assert.Equal(["/first", "/second", "/third", "/fourth"], messages.Select(m => m.Message.Address));
        Assert.Equal<OscTimeTag?>(
            [new OscTimeTag(1000, 1), OscTimeTag.Immediately, new OscTimeTag(2000, 0), new OscTimeTag(1000, 1)],
            messages.Select(m => m.BundleTime));
    }

    [Fact]
    public void A_bare_message_is_enumerated_without_a_time_tag()
    {
        OscTimedMessage only = Assert.Single(new OscMessage("/x").EnumerateMessages());

        Assert.Null(only.BundleTime);
    }

    [Fact]
    public void Span_encoding_writes_the_same_bytes_and_reports_the_length()
    {
        OscBundle bundle = Samples.NestedBundle();
        var buffer = new byte[OscCodec.GetEncodedLength(bundle) + 10];

        int written = OscCodec.Encode(bundle, buffer);

        Assert.Equal(OscCodec.Encode(bundle), buffer[..written]);
    }

    [Fact]
    public void Span_encoding_refuses_a_destination_that_is_too_small()
    {
        var message = new OscMessage("/abc", 1);

        Assert.Throws<ArgumentException>(() => OscCodec.Encode(message, new byte[OscCodec.GetEncodedLength(message) - 1]));
    }

    [Fact]
    public void Encoding_refuses_what_the_wire_cannot_carry()
    {
        Assert.Throws<ArgumentException>(() => OscCodec.Encode(new OscMessage("no-slash")));
        Assert.Throws<ArgumentException>(() => OscCodec.Encode(new OscMessage("/a", "nul\0inside")));
    }

    [Fact]
    public void Implicit_conversions_pick_the_natural_type_tags()
    {
        var message = new OscMessage("/conv", 1, 2L, 3f, 4.0, "s", true, new byte[] { 9 }, OscTimeTag.Immediately);

        Assert.Equal(",ihfdsTbt", message.TypeTags);
    }

    [Fact]
    public void Messages_print_readably()
    {
        var message = new OscMessage("/p", 1, 2.5f, "q\"x", new OscArgument.Array(true, OscArgument.Nil.Instance));

        Assert.Equal("/p ,ifs[TN] 1 2.5 \"q\\\"x\" [true nil]", message.ToString());
    }
}
