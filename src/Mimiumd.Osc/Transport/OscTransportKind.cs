namespace Mimiumd.Osc.Transport;

public enum OscTransportKind
{
    Udp,
    Tcp,
}

/// <summary>How OSC packets are delimited on a TCP stream.</summary>
public enum OscTcpFraming
{
    /// <summary>OSC 1.1: each packet wrapped in SLIP (RFC 1055) END bytes, double-ended.</summary>
    Slip,

    /// <summary>OSC 1.0: each packet preceded by its length as a big-endian int32 (what liblo sends).</summary>
    LengthPrefixed,
}
