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
}
