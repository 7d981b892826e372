using System.Diagnostics.CodeAnalysis;

namespace Mimiumd.Osc;

/// <summary>Binary encoding of OSC 1.0 and 1.1 packets.</summary>
/// <remarks>
/// Decoding is strict except where OSC 1.0 asks for tolerance: a message that ends right after its
/// address (no type tag string at all) decodes as a message without arguments, while any other data
/// not starting with ',' is rejected. Lengths must be multiples of four, padding must be zero, and
/// trailing bytes after the last argument are an error. Strings are read as UTF-8 (a superset of the
/// ASCII the spec requires); invalid sequences become U+FFFD rather than failing the packet.
/// </remarks>
public static class OscCodec
{
    /// <exception cref="ArgumentException">The packet cannot be represented, e.g. an address without a leading '/' or a string containing U+0000.</exception>
    public static byte[] Encode(OscPacket packet)
    {
        var bytes = new byte[OscEncoder.Measure(packet)];
        OscEncoder.Write(packet, bytes);
        return bytes;
    }

    /// <summary>Encodes into <paramref name="destination"/> and returns the number of bytes written.</summary>
    /// <exception cref="ArgumentException">The destination is smaller than <see cref="GetEncodedLength"/>, or the packet cannot be represented.</exception>
    public static int Encode(OscPacket packet, Span<byte> destination) => OscEncoder.Write(packet, destination);

    public static int GetEncodedLength(OscPacket packet) => OscEncoder.Measure(packet);

    /// <summary>Decodes with <see cref="OscLimits.Default"/>. Never throws, whatever the bytes.</summary>
    public static bool TryDecode(ReadOnlySpan<byte> data, [NotNullWhen(true)] out OscPacket? packet, out string error) =>
        TryDecode(data, OscLimits.Default, out packet, out error);

    /// <summary>Decodes within <paramref name="limits"/>. Never throws, whatever the bytes.</summary>
    /// <param name="error">Why decoding failed, or empty on success.</param>
    public static bool TryDecode(ReadOnlySpan<byte> data, OscLimits limits, [NotNullWhen(true)] out OscPacket? packet, out string error)
    {
        ArgumentNullException.ThrowIfNull(limits);
        return OscDecoder.TryDecode(data, limits, out packet, out error);
    }
}
