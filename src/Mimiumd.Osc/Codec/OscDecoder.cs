namespace Mimiumd.Osc;

/// <summary>
/// Strict decoder for untrusted bytes. Every malformation becomes an error string: the receive
/// loops must survive anything a network peer sends.
/// </summary>
/// <remarks>
/// Decisions where the spec leaves room:
/// <list type="bullet">
/// <item>A message that ends right after its address has no arguments. OSC 1.0 asks receivers to
/// tolerate senders that omit the type tag string; with nothing after the address there is nothing
/// to misinterpret.</item>
/// <item>Bytes after the address that do not start with ',' are rejected: without type tags their
/// meaning is unknowable.</item>
/// <item>Packet and element lengths must be multiples of four, padding must be zero, and no bytes
/// may follow the last argument; anything else means sender and receiver disagree on the layout.</item>
/// </list>
/// </remarks>
internal static class OscDecoder
{
    public static bool TryDecode(ReadOnlySpan<byte> data, OscLimits limits, out OscPacket? packet, out string error)
    {
        packet = null;
        if (data.IsEmpty)
        {
            error = "empty packet";
            return false;
        }

        if (data.Length > limits.MaxPacketSize)
        {
            error = $"packet of {data.Length} bytes exceeds the limit of {limits.MaxPacketSize}";
            return false;
        }

        if (data.Length % 4 != 0)
        {
            error = $"packet length {data.Length} is not a multiple of 4";
            return false;
        }

        return TryDecodePacket(data, limits, enclosingBundles: 0, out packet, out error);
    }

    private static bool TryDecodePacket(ReadOnlySpan<byte> data, OscLimits limits, int enclosingBundles, out OscPacket? packet, out string error)
    {
        packet = null;
        switch (data[0])
        {
            case OscWire.AddressStart:
                bool decoded = TryDecodeMessage(data, limits, out OscMessage? message, out error);
                packet = message;
                return decoded;
            case (byte)'#':
                if (enclosingBundles >= limits.MaxBundleDepth)
                {
                    error = $"bundles nest deeper than the limit of {limits.MaxBundleDepth}";
                    return false;
                }

                decoded = TryDecodeBundle(data, limits, enclosingBundles + 1, out OscBundle? bundle, out error);
                packet = bundle;
                return decoded;
            default:
                error = $"packet starts with byte 0x{data[0]:x2}, expected '/' or \"#bundle\"";
                return false;
        }
    }

    private static bool TryDecodeBundle(ReadOnlySpan<byte> data, OscLimits limits, int depth, out OscBundle? bundle, out string error)
    {
        bundle = null;
        var reader = new OscSpanReader(data);
        if (!reader.TryReadBytes(OscWire.BundleHeader.Length, out ReadOnlySpan<byte> header) || !header.SequenceEqual(OscWire.BundleHeader))
        {
            error = "packet starts with '#' but not with \"#bundle\\0\"";
            return false;
        }

        if (!reader.TryReadUInt64(out ulong time))
        {
            error = "bundle is truncated inside its time tag";
            return false;
        }

        var elements = new List<OscPacket>();
        while (!reader.AtEnd)
        {
            int elementStart = reader.Position;
            if (!reader.TryReadInt32(out int size))
            {
                error = $"at byte {elementStart}: bundle is truncated inside an element size";
                return false;
            }

            if (size <= 0 || size % 4 != 0)
            {
                error = $"at byte {elementStart}: bundle element size {size} is not a positive multiple of 4";
                return false;
            }

            if (!reader.TryReadBytes(size, out ReadOnlySpan<byte> elementBytes))
            {
                error = $"at byte {elementStart}: bundle element size {size} exceeds the {reader.Remaining} bytes left";
                return false;
            }

            if (!TryDecodePacket(elementBytes, limits, depth, out OscPacket? element, out string elementError))
            {
                error = $"in bundle element at byte {elementStart}: {elementError}";
                return false;
            }

            elements.Add(element!);
        }

        bundle = new OscBundle(new OscTimeTag(time), elements.ToArray());
        error = "";
        return true;
    }

    private static bool TryDecodeMessage(ReadOnlySpan<byte> data, OscLimits limits, out OscMessage? message, out string error)
    {
        message = null;
        var reader = new OscSpanReader(data);
        if (!reader.TryReadPaddedString(out ReadOnlySpan<byte> addressBytes, out error))
        {
            error = $"address: {error}";
            return false;
        }

        string address = OscWire.Text.GetString(addressBytes);
        if (reader.AtEnd)
        {
            message = new OscMessage(address, []);
            return true;
        }

        if (!reader.TryReadPaddedString(out ReadOnlySpan<byte> typeTags, out error))
        {
            error = $"type tags: {error}";
            return false;
        }

        if (typeTags.IsEmpty || typeTags[0] != OscWire.TypeTagStart)
        {
            error = "data after the address does not start with a ',' type tag string";
            return false;
        }

        if (!OscArgumentDecoder.TryDecodeArguments(ref reader, typeTags[1..], limits, out OscArgument[]? args, out error))
        {
            return false;
        }

        if (!reader.AtEnd)
        {
            error = $"{reader.Remaining} bytes follow the last argument";
            return false;
        }

        message = new OscMessage(address, args!);
        return true;
    }
}
