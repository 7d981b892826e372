namespace Mimiumd.Osc.Tests.Codec;

/// <summary>Byte-exact examples from the OSC 1.0 specification ("OSC Message Examples").</summary>
public class SpecExampleTests
{
    private static readonly byte[] OscillatorFrequency = Convert.FromHexString(
        "2f6f7363" + "696c6c61" + "746f722f" + "342f6672" + "65717565" + "6e637900" +
        "2c660000" + "43dc0000");

    private static readonly byte[] FooWithFiveArguments = Convert.FromHexString(
        "2f666f6f" + "00000000" + "2c696973" + "66660000" +
        "000003e8" + "ffffffff" + "68656c6c" + "6f000000" + "3f9df3b6" + "40b5b22d");

    [Fact]
    public void Oscillator_frequency_example_encodes_exactly()
    {
        var message = new OscMessage("/oscillator/4/frequency", 440.0f);

        Assert.Equal(OscillatorFrequency, OscCodec.Encode(message));
    }

    [Fact]
    public void Oscillator_frequency_example_decodes()
    {
        Assert.True(OscCodec.TryDecode(OscillatorFrequency, out OscPacket? packet, out _));

        Assert.Equal(new OscMessage("/oscillator/4/frequency", 440.0f), packet);
    }

    [Fact]
    public void Foo_example_with_five_arguments_encodes_exactly()
    {
        var message = new OscMessage("/foo", 1000, -1, "hello", 1.234f, 5.678f);

        Assert.Equal(FooWithFiveArguments, OscCodec.Encode(message));
    }

    [Fact]
    public void Foo_example_with_five_arguments_decodes()
    {
        Assert.True(OscCodec.TryDecode(FooWithFiveArguments, out OscPacket? packet, out _));

        Assert.Equal(new OscMessage("/foo", 1000, -1, "hello", 1.234f, 5.678f), packet);
    }

    [Fact]
    public void Bundle_layout_follows_the_spec()
    {
        var bundle = new OscBundle(new OscTimeTag(0x01020304, 0x05060708), new OscMessage("/a"));

        byte[] expected = Convert.FromHexString(
            "2362756e646c6500" + "0102030405060708" + "00000008" + "2f610000" + "2c000000");
        Assert.Equal(expected, OscCodec.Encode(bundle));
    }

    [Fact]
    public void Message_without_type_tag_string_is_tolerated_as_argumentless()
    {
        // OSC 1.0: "OSC implementations should be robust in the case of a missing OSC Type Tag String."
        Assert.True(OscCodec.TryDecode("/old\0\0\0\0"u8, out OscPacket? packet, out string error), error);

        Assert.Equal(new OscMessage("/old"), packet);
    }
}
