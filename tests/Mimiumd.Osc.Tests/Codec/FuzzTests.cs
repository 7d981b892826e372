using Mimiumd.Osc.Tests.Support;

namespace Mimiumd.Osc.Tests.Codec;

/// <summary>
/// Bounded, deterministic fuzzing: the decoder must never throw, and anything it accepts must
/// re-encode to a packet that decodes to the same value.
/// </summary>
public class FuzzTests
{
    private const int Iterations = 10_000;

    [Fact]
    public void Random_bytes_never_make_the_decoder_throw()
    {
        var random = new Random(20240611);
        int accepted = 0;
        for (int i = 0; i < Iterations; i++)
        {
            byte[] bytes = new byte[random.Next(0, 64) * 4 + (i % 7 == 0 ? random.Next(1, 4) : 0)];
            random.NextBytes(bytes);
            // Steer a share of inputs past the first-byte check so deeper code paths get exercised.
            if (bytes.Length >= 16)
            {
                switch (i % 3)
                {
                    case 0: "/a\0\0,"u8.CopyTo(bytes); break;
                    case 1: OscWire.BundleHeader.CopyTo(bytes); break;
                }
            }

            accepted += CheckDecoderIsTotal(bytes) ? 1 : 0;
        }

        Assert.True(accepted < Iterations);
    }

    [Fact]
    public void Mutated_valid_packets_never_make_the_decoder_throw()
    {
        var random = new Random(424242);
        byte[][] seeds =
        [
            OscCodec.Encode(Samples.MessageWithEveryType()),
            OscCodec.Encode(Samples.NestedBundle()),
            OscCodec.Encode(new OscMessage("/foo", 1000, -1, "hello", 1.234f, 5.678f)),
            OscCodec.Encode(new OscBundle(OscTimeTag.Immediately, Samples.MessageWithEveryType(), new OscMessage("/b", new byte[9]))),
        ];

        int accepted = 0;
        for (int i = 0; i < Iterations; i++)
        {
            byte[] mutated = Mutate(seeds[i % seeds.Length], random);
            accepted += CheckDecoderIsTotal(mutated) ? 1 : 0;
        }

        // Mutations that hit padding or values still decode; a fuzzer that never got past the first check would be useless.
        Assert.InRange(accepted, 1, Iterations - 1);
    }

    private static byte[] Mutate(byte[] seed, Random random)
    {
        byte[] bytes = (byte[])seed.Clone();
        int mutations = random.Next(1, 4);
        for (int m = 0; m < mutations && bytes.Length > 0; m++)
        {
            int position = random.Next(bytes.Length);
            switch (random.Next(6))
            {
                case 0:
                    bytes[position] = (byte)random.Next(256);
                    break;
                case 1:
                    bytes[position] ^= (byte)(1 << random.Next(8));
                    break;
                case 2:
                    // Sizes and counts live in aligned big-endian words; plant extreme values there.
                    int word = position & ~3;
                    if (word + 4 <= bytes.Length)
                    {
                        int[] extremes = [0, -1, int.MinValue, int.MaxValue, 4, bytes.Length, bytes.Length + 4];
                        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(word), extremes[random.Next(extremes.Length)]);
                    }

                    break;
                case 3:
                    bytes = bytes[..(position & ~3)];
                    break;
                case 4:
                    bytes = [.. bytes[..position], .. new byte[] { (byte)random.Next(256), 0, 0, 0 }, .. bytes[position..]];
                    break;
                default:
                    bytes[position] = (byte)"[]ifsbhdtTFNIcrmS,#/\0"[random.Next(21)];
                    break;
            }
        }

        return bytes;
    }

    private static bool CheckDecoderIsTotal(byte[] bytes)
    {
        bool decoded = OscCodec.TryDecode(bytes, out OscPacket? packet, out string error);
        if (!decoded)
        {
            Assert.Null(packet);
            Assert.NotEmpty(error);
            return false;
        }

        byte[] reencoded = OscCodec.Encode(packet!);
        Assert.True(OscCodec.TryDecode(reencoded, out OscPacket? again, out string againError), againError);
        Assert.Equal(packet, again);
        return true;
    }
}
