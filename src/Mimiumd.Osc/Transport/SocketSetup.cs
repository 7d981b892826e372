using System.Net;
using System.Net.Sockets;

namespace Mimiumd.Osc.Transport;

internal static class SocketSetup
{
    /// <summary>Binding to [::] should also accept IPv4 peers, as users expect from "all interfaces".</summary>
    public static void AllowDualModeForAnyAddress(Socket socket, IPEndPoint endPoint)
    {
        if (endPoint.Address.Equals(IPAddress.IPv6Any))
        {
            socket.DualMode = true;
        }
    }

    /// <summary>
    /// A socket bound to <paramref name="endPoint"/> (and listening, for TCP), or the bind error
    /// with the socket disposed.
    /// </summary>
    public static Socket Bind(IPEndPoint endPoint, SocketType type, ProtocolType protocol, int? listenBacklog = null)
    {
        var socket = new Socket(endPoint.AddressFamily, type, protocol);
        try
        {
            AllowDualModeForAnyAddress(socket, endPoint);
            socket.Bind(endPoint);
            if (listenBacklog is { } backlog) socket.Listen(backlog);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
