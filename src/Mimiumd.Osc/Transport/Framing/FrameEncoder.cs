using System.Buffers.Binary;

namespace Mimiumd.Osc.Transport.Framing;

internal static class FrameEncoder
{
    public static byte[] Encode(OscTcpFraming framing, ReadOnlySpan<byte> packet) => framing switch
    {
        OscTcpFraming.Slip => EncodeSlip(packet),
        OscTcpFraming.LengthPrefixed => EncodeLengthPrefixed(packet),
        _ => throw new ArgumentOutOfRangeException(nameof(framing), framing, null),
    };

    private static byte[] EncodeLengthPrefixed(ReadOnlySpan<byte> packet)
    {
        var frame = new byte[sizeof(int) + packet.Length];
        BinaryPrimitives.WriteInt32BigEndian(frame, packet.Length);
        packet.CopyTo(frame.AsSpan(sizeof(int)));
        return frame;
    }

    /// <summary>Double-ended, as OSC 1.1 recommends, so a receiver can discard line noise before the first END.</summary>
    private static byte[] EncodeSlip(ReadOnlySpan<byte> packet)
    {
        int escapes = packet.Count(SlipFrameDecoder.End) + packet.Count(SlipFrameDecoder.Escape);
        var frame = new byte[packet.Length + escapes + 2];
        int position = 0;
        frame[position++] = SlipFrameDecoder.End;
        foreach (byte b in packet)
        {
            switch (b)
            {
                case SlipFrameDecoder.End:
                    frame[position++] = SlipFrameDecoder.Escape;
                    frame[position++] = SlipFrameDecoder.EscapedEnd;
                    break;
                case SlipFrameDecoder.Escape:
                    frame[position++] = SlipFrameDecoder.Escape;
                    frame[position++] = SlipFrameDecoder.EscapedEscape;
                    break;
                default:
                    frame[position++] = b;
                    break;
            }
        }

        frame[position] = SlipFrameDecoder.End;
        return frame;
    }
}
