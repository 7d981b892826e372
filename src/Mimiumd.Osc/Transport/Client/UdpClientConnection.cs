using System.Net;
using System.Net.Sockets;

namespace Mimiumd.Osc.Transport.Client;

/// <summary>A connected UDP socket: the kernel then drops datagrams from anyone but the server.</summary>
internal sealed class UdpClientConnection : IClientConnection
{
    private const int ReceiveBufferSize = 65536;
    private readonly Socket _socket;

    private UdpClientConnection(Socket socket)
    {
        _socket = socket;
        LocalEndPoint = (IPEndPoint)socket.LocalEndPoint!;
    }

    public IPEndPoint LocalEndPoint { get; }

    public static async Task<UdpClientConnection> ConnectAsync(IPEndPoint remote, CancellationToken cancellationToken)
    {
        var socket = new Socket(remote.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            await socket.ConnectAsync(remote, cancellationToken).ConfigureAwait(false);
            return new UdpClientConnection(socket);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public async ValueTask SendAsync(byte[] packet, CancellationToken cancellationToken) =>
        await _socket.SendAsync(packet, SocketFlags.None, cancellationToken).ConfigureAwait(false);

    public async Task ReceiveAsync(Action<ReadOnlyMemory<byte>> onPacket, CancellationToken cancellationToken)
    {
        var buffer = new byte[ReceiveBufferSize];
        while (!cancellationToken.IsCancellationRequested)
        {
            int received;
            try
            {
                received = await _socket.ReceiveAsync(buffer, SocketFlags.None, cancellationToken).ConfigureAwait(false);
            }
            catch (SocketException exception) when (exception.SocketErrorCode == SocketError.ConnectionRefused)
            {
                // ICMP "port unreachable" from an earlier send: the server may simply not be up yet.
                continue;
            }

            onPacket(buffer.AsMemory(0, received));
        }
    }

    public void Dispose() => _socket.Dispose();
}
