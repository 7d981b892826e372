using System.Net;

namespace Mimiumd.Osc.Transport;

public sealed record OscServerOptions
{
    /// <summary>Where to listen. Loopback by default so nothing is exposed unless asked; port 0 picks a free port.</summary>
    public IPEndPoint EndPoint { get; init; } = new(IPAddress.Loopback, 0);

    /// <summary>Decode limits; <see cref="OscLimits.MaxPacketSize"/> also caps TCP frames.</summary>
    public OscLimits Limits { get; init; } = OscLimits.Default;

    /// <summary>TCP connections served at once; further ones are closed on accept and counted.</summary>
    public int MaxTcpConnections
    {
        get;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            field = value;
        }
    } = 64;
}
