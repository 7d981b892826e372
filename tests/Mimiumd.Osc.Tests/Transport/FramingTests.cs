using Mimiumd.Osc.Transport;
using Mimiumd.Osc.Transport.Framing;

namespace Mimiumd.Osc.Tests.Transport;

public class FramingTests
{
    private static List<FrameEvent> FeedInChunks(IFrameDecoder decoder, byte[] stream, int chunkSize, out bool stillFramed)
    {
        var events = new List<FrameEvent>();
        stillFramed = true;
        for (int i = 0; i < stream.Length && stillFramed; i += chunkSize)
        {
            stillFramed = decoder.Feed(stream.AsSpan(i, Math.Min(chunkSize, stream.Length - i)), events);
        }

        return events;
    }

    [Fact]
    public void Slip_escapes_end_and_escape_bytes_and_double_ends_the_frame()
    {
        byte[] frame = FrameEncoder.Encode(OscTcpFraming.Slip, [1, 0xC0, 2, 0xDB, 3]);

        Assert.Equal(new byte[] { 0xC0, 1, 0xDB, 0xDC, 2, 0xDB, 0xDD, 3, 0xC0 }, frame);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(1000)]
    public void Slip_frames_decode_whatever_the_chunking(int chunkSize)
    {
        byte[][] payloads = [[1, 0xC0, 2], [0xDB, 0xDB], [9, 9, 9, 9]];
        byte[] stream = payloads.SelectMany(p => FrameEncoder.Encode(OscTcpFraming.Slip, p)).ToArray();

        List<FrameEvent> events = FeedInChunks(new SlipFrameDecoder(1024), stream, chunkSize, out bool stillFramed);

        Assert.True(stillFramed);
        Assert.Equal(payloads, events.Select(e => e.Payload!));
    }

    [Fact]
    public void Oversized_slip_frame_is_rejected_and_the_next_frame_still_decodes()
    {
        byte[] stream = [.. FrameEncoder.Encode(OscTcpFraming.Slip, new byte[100]), .. FrameEncoder.Encode(OscTcpFraming.Slip, [7])];

        List<FrameEvent> events = FeedInChunks(new SlipFrameDecoder(64), stream, 17, out bool stillFramed);

        Assert.True(stillFramed);
        Assert.Equal(2, events.Count);
        Assert.Contains("exceeds", events[0].Error);
        Assert.Equal(new byte[] { 7 }, events[1].Payload);
    }

    [Fact]
    public void Slip_frame_with_an_invalid_escape_is_rejected()
    {
        List<FrameEvent> events = FeedInChunks(new SlipFrameDecoder(64), [0xC0, 1, 0xDB, 0x05, 0xC0], 5, out _);

        Assert.Contains("escape", Assert.Single(events).Error);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(1000)]
    public void Length_prefixed_frames_decode_whatever_the_chunking(int chunkSize)
    {
        byte[][] payloads = [[1, 2, 3, 4], new byte[300], [0xC0, 0xC0, 0xC0, 0xC0]];
        byte[] stream = payloads.SelectMany(p => FrameEncoder.Encode(OscTcpFraming.LengthPrefixed, p)).ToArray();

        List<FrameEvent> events = FeedInChunks(new LengthPrefixFrameDecoder(1024), stream, chunkSize, out bool stillFramed);

        Assert.True(stillFramed);
        Assert.Equal(payloads, events.Select(e => e.Payload!));
    }

    [Theory]
    [InlineData(1025)]
    [InlineData(-4)]
    [InlineData(int.MaxValue)]
    public void Length_prefix_beyond_the_cap_is_fatal(int length)
    {
        byte[] header = new byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(header, length);

        List<FrameEvent> events = FeedInChunks(new LengthPrefixFrameDecoder(1024), [.. header, 1, 2, 3, 4], 8, out bool stillFramed);

        Assert.False(stillFramed);
        Assert.Contains("outside", Assert.Single(events).Error);
    }

    [Fact]
    public void Framing_is_detected_from_the_first_byte()
    {
        Assert.Equal(OscTcpFraming.Slip, FrameDecoders.ForFirstByte(0xC0, 100).Framing);
        Assert.Equal(OscTcpFraming.LengthPrefixed, FrameDecoders.ForFirstByte(0x00, 100).Framing);
    }
}
