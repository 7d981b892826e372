using System.Text;

namespace Mimiumd.Osc;

/// <summary>Facts about the OSC byte layout shared by the encoder and decoder.</summary>
internal static class OscWire
{
    public const byte AddressStart = (byte)'/';
    public const byte TypeTagStart = (byte)',';
    public const byte ArrayOpen = (byte)'[';
    public const byte ArrayClose = (byte)']';

    public static ReadOnlySpan<byte> BundleHeader => "#bundle\0"u8;

    /// <summary>Strict UTF-8 would throw on bad input; replacement characters keep decoding total.</summary>
    public static readonly Encoding Text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    public static int Align4(int length) => (length + 3) & ~3;

    /// <summary>Bytes a string occupies: content, at least one NUL, padded to a multiple of four.</summary>
    public static int PaddedStringLength(int contentBytes) => Align4(contentBytes + 1);
}
