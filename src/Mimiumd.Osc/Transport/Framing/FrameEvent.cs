namespace Mimiumd.Osc.Transport.Framing;

/// <summary>Either a complete frame's payload or the reason a frame was discarded.</summary>
internal readonly record struct FrameEvent(byte[]? Payload, string? Error)
{
    public static FrameEvent Frame(byte[] payload) => new(payload, null);

    public static FrameEvent Rejected(string error) => new(null, error);
}

/// <summary>Incremental stream-to-frames splitter; fed whatever chunks the socket returns.</summary>
internal interface IFrameDecoder
{
    OscTcpFraming Framing { get; }

    /// <summary>
    /// Appends completed or rejected frames to <paramref name="events"/>. Returns false when the
    /// stream can no longer be split reliably and the connection must be closed.
    /// </summary>
    bool Feed(ReadOnlySpan<byte> chunk, List<FrameEvent> events);
}

internal static class FrameDecoders
{
    /// <summary>
    /// A length prefix starting with 0xC0 would announce a frame of over 3 GiB, far beyond any
    /// allowed size, so a leading SLIP END byte identifies SLIP unambiguously.
    /// </summary>
    public static IFrameDecoder ForFirstByte(byte first, int maxFrameSize) =>
        first == SlipFrameDecoder.End
            ? new SlipFrameDecoder(maxFrameSize)
            : new LengthPrefixFrameDecoder(maxFrameSize);
}
