using Mimiumd.Osc.Tests.Support;

namespace Mimiumd.Osc.Tests.Codec;

public class MalformedInputTests
{
    private static string Rejected(ReadOnlySpan<byte> bytes, OscLimits? limits = null)
    {
        bool decoded = OscCodec.TryDecode(bytes, limits ?? OscLimits.Default, out OscPacket? packet, out string error);
        Assert.False(decoded, $"decoded unexpectedly as {packet}");
        Assert.Null(packet);
        Assert.NotEmpty(error);
        return error;
    }

    private static byte[] Hex(string hex) => Convert.FromHexString(hex.Replace(" ", ""));

    [Fact]
    public void Every_truncation_of_a_message_with_every_type_is_rejected()
    {
        byte[] full = OscCodec.Encode(Samples.MessageWithEveryType());

        for (int length = 0; length < full.Length; length++)
        {
            // A cut right after the address is the only prefix that is itself valid (no type tags).
            if (length == OscWire.PaddedStringLength("/every/type".Length))
            {
                continue;
            }

            Rejected(full.AsSpan(0, length));
        }
    }

    [Fact]
    public void Every_truncation_of_a_nested_bundle_is_rejected()
    {
        byte[] full = OscCodec.Encode(Samples.NestedBundle());

        for (int length = 0; length < full.Length; length++)
        {
            // Cutting exactly between elements leaves a shorter but well-formed bundle.
            if (OscCodec.TryDecode(full.AsSpan(0, length), out OscPacket? shorter, out _))
            {
                Assert.IsType<OscBundle>(shorter);
                Assert.True(OscCodec.Encode(shorter).AsSpan().SequenceEqual(full.AsSpan(0, length)));
                continue;
            }

            Rejected(full.AsSpan(0, length));
        }
    }

    [Fact]
    public void Empty_input_is_rejected()
    {
        Assert.Contains("empty", Rejected([]));
    }

    [Fact]
    public void Length_not_a_multiple_of_four_is_rejected()
    {
        Assert.Contains("multiple of 4", Rejected("/abc\0\0\0\0,\0\0\0\0"u8));
    }

    [Fact]
    public void Non_zero_string_padding_is_rejected()
    {
        Assert.Contains("padding", Rejected("/ab\0,i\0X\0\0\0\x01"u8));
    }

    [Fact]
    public void Non_zero_blob_padding_is_rejected()
    {
        Assert.Contains("padding", Rejected(Hex("2f620000 2c620000 00000001 aa000100")));
    }

    [Fact]
    public void Unterminated_string_is_rejected()
    {
        Assert.Contains("NUL", Rejected("/abc"u8));
        Assert.Contains("NUL", Rejected("/a\0\0,s\0\0abcd"u8));
    }

    [Theory]
    [InlineData("7fffffff")]
    [InlineData("00000005")]
    [InlineData("80000000")]
    [InlineData("ffffffff")]
    public void Blob_sizes_beyond_the_packet_or_negative_are_rejected(string sizeHex)
    {
        Assert.Contains("blob size", Rejected(Hex("2f620000 2c620000" + sizeHex + "01020304")));
    }

    [Theory]
    [InlineData('x')]
    [InlineData('e')]
    [InlineData('\u0001')]
    [InlineData('\u00ff')]
    public void Unknown_type_tags_are_rejected(char tag)
    {
        byte[] bytes = Hex("2f610000 2c" + ((byte)tag).ToString("x2") + "0000 00000000");

        Assert.Contains("unknown type tag", Rejected(bytes));
    }

    [Fact]
    public void Data_without_a_leading_comma_is_rejected()
    {
        Assert.Contains("','", Rejected("/a\0\0ii\0\0\0\0\0\x01\0\0\0\x02"u8));
    }

    [Fact]
    public void Bytes_after_the_last_argument_are_rejected()
    {
        Assert.Contains("follow", Rejected(Hex("2f610000 2c690000 00000001 00000002")));
    }

    [Fact]
    public void Packets_not_starting_with_slash_or_bundle_are_rejected()
    {
        Assert.Contains("expected", Rejected("abc\0,\0\0\0"u8));
        Assert.Contains("#bundle", Rejected("#bundlX\0\0\0\0\0\0\0\0\x01"u8));
    }

    [Theory]
    [InlineData("00000100")]
    [InlineData("7fffffff")]
    [InlineData("00000000")]
    [InlineData("fffffff8")]
    [InlineData("00000006")]
    public void Bundle_element_sizes_that_do_not_fit_are_rejected(string sizeHex)
    {
        byte[] bundle = Hex("2362756e646c6500 0000000000000001" + sizeHex + "2f610000 2c000000");

        Assert.Contains("element size", Rejected(bundle));
    }

    [Fact]
    public void Bundle_truncated_in_its_time_tag_is_rejected()
    {
        Assert.Contains("time tag", Rejected(Hex("2362756e646c6500 00000000")));
    }

    [Fact]
    public void Bundle_element_that_is_not_a_packet_is_rejected()
    {
        byte[] bundle = Hex("2362756e646c6500 0000000000000001 00000004 41424300");

        Assert.Contains("in bundle element", Rejected(bundle));
    }

    [Theory]
    [InlineData(",[i")]
    [InlineData(",i]")]
    [InlineData(",[[i]")]
    [InlineData(",]")]
    [InlineData(",][")]
    public void Unbalanced_array_brackets_are_rejected(string typeTags)
    {
        byte[] tags = System.Text.Encoding.ASCII.GetBytes(typeTags);
        var bytes = new List<byte>("/a\0\0"u8.ToArray());
        bytes.AddRange(tags);
        bytes.AddRange(new byte[OscWire.PaddedStringLength(tags.Length) - tags.Length]);
        bytes.AddRange(new byte[4]);

        Assert.Contains("matching", Rejected(bytes.ToArray()));
    }

    [Fact]
    public void Packet_larger_than_the_limit_is_rejected()
    {
        var message = new OscMessage("/big", new byte[100]);
        byte[] bytes = OscCodec.Encode(message);

        Assert.Contains("limit", Rejected(bytes, new OscLimits { MaxPacketSize = bytes.Length - 4 }));
        Assert.True(OscCodec.TryDecode(bytes, new OscLimits { MaxPacketSize = bytes.Length }, out _, out _));
    }

    [Fact]
    public void Default_packet_limit_is_64_KiB()
    {
        byte[] justFits = OscCodec.Encode(new OscMessage("/b", new byte[65536 - 12]));
        byte[] tooBig = OscCodec.Encode(new OscMessage("/b", new byte[65536 - 11]));

        Assert.Equal(65536, justFits.Length);
        Assert.True(OscCodec.TryDecode(justFits, out _, out _));
        Rejected(tooBig);
    }

    [Fact]
    public void Bundles_nested_deeper_than_the_limit_are_rejected()
    {
        OscPacket packet = new OscMessage("/deep");
        for (int depth = 1; depth <= 8; depth++)
        {
            packet = new OscBundle(OscTimeTag.Immediately, packet);
        }

        Assert.True(OscCodec.TryDecode(OscCodec.Encode(packet), out _, out string error), error);
        Assert.Contains("nest", Rejected(OscCodec.Encode(new OscBundle(OscTimeTag.Immediately, packet))));
    }

    [Fact]
    public void Arrays_nested_deeper_than_the_limit_are_rejected()
    {
        OscArgument argument = 1;
        for (int depth = 1; depth <= 8; depth++)
        {
            argument = new OscArgument.Array(argument);
        }

        Assert.True(OscCodec.TryDecode(OscCodec.Encode(new OscMessage("/a", argument)), out _, out string error), error);
        Assert.Contains("nest", Rejected(OscCodec.Encode(new OscMessage("/a", new OscArgument.Array(argument)))));
    }

    [Fact]
    public void More_arguments_than_the_limit_are_rejected()
    {
        OscArgument[] allowed = Enumerable.Repeat<OscArgument>(OscArgument.Nil.Instance, 256).ToArray();
        OscArgument[] tooMany = Enumerable.Repeat<OscArgument>(OscArgument.Nil.Instance, 257).ToArray();

        Assert.True(OscCodec.TryDecode(OscCodec.Encode(new OscMessage("/n", allowed)), out _, out _));
        Assert.Contains("arguments", Rejected(OscCodec.Encode(new OscMessage("/n", tooMany))));
    }

    [Fact]
    public void Elements_inside_arrays_count_towards_the_argument_limit()
    {
        var array = new OscArgument.Array(Enumerable.Repeat<OscArgument>(1, 3).ToArray());

        Rejected(OscCodec.Encode(new OscMessage("/n", array)), new OscLimits { MaxArgumentsPerMessage = 3 });
    }

    [Fact]
    public void Char_arguments_outside_the_char_range_are_rejected()
    {
        Assert.Contains("char", Rejected(Hex("2f630000 2c630000 00010000")));
    }

    [Fact]
    public void Sign_extended_chars_from_liblo_decode_as_bytes()
    {
        Assert.True(OscCodec.TryDecode(Hex("2f630000 2c630000 ffffffe9"), out OscPacket? packet, out _));

        Assert.Equal(new OscMessage("/c", new OscArgument.Char('\u00e9')), packet);
    }

    [Fact]
    public void Invalid_utf8_in_strings_decodes_with_replacement_characters()
    {
        Assert.True(OscCodec.TryDecode(Hex("2f730000 2c730000 ff000000"), out OscPacket? packet, out _));

        Assert.Equal(new OscMessage("/s", "\uFFFD"), packet);
    }

    [Fact]
    public void Limits_refuse_nonsensical_configuration()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new OscLimits { MaxBundleDepth = 1000 });
        Assert.Throws<ArgumentOutOfRangeException>(() => new OscLimits { MaxPacketSize = -1 });
    }
}
