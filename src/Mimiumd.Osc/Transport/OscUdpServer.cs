using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Mimiumd.Osc.Transport;

/// <summary>Receives OSC packets as UDP datagrams and replies from the same socket.</summary>
public sealed class OscUdpServer : IAsyncDisposable
{
    // The largest possible UDP payload, so no datagram is ever truncated before decoding.
    private const int ReceiveBufferSize = 65536;
    private static readonly TimeSpan ErrorBackoff = TimeSpan.FromMilliseconds(10);

    private readonly OscServerOptions _options;
    private readonly ILogger _logger;
    private readonly OscPacketDispatcher _dispatcher;
    private readonly CancellationTokenSource _stopping = new();
    private CancellationTokenSource? _linkedStopping;
    private Socket? _socket;
    private Task _receiveLoop = Task.CompletedTask;
    private int _disposed;

    public OscUdpServer(OscMessageHandler handler, OscServerOptions? options = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(handler);
        _options = options ?? new OscServerOptions();
        _logger = logger ?? NullLogger.Instance;
        _dispatcher = new OscPacketDispatcher(handler, _options.Limits, Counters, _logger);
    }

    public OscServerCounters Counters { get; } = new();

    /// <summary>The bound endpoint, with the real port when port 0 was requested; null before <see cref="Start"/>.</summary>
    public IPEndPoint? LocalEndPoint { get; private set; }

    /// <summary>Binds and starts receiving in the background.</summary>
    /// <returns>The bound endpoint; its port is the actual one.</returns>
    /// <exception cref="SocketException">The endpoint cannot be bound, e.g. the port is in use.</exception>
    public IPEndPoint Start(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        if (_socket is not null)
        {
            throw new InvalidOperationException("The server is already started.");
        }

        var socket = SocketSetup.Bind(_options.EndPoint, SocketType.Dgram, ProtocolType.Udp);

        _socket = socket;
        LocalEndPoint = (IPEndPoint)socket.LocalEndPoint!;
        _linkedStopping = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token, cancellationToken);
        CancellationToken stopping = _linkedStopping.Token;
        _receiveLoop = Task.Run(() => ReceiveLoopAsync(socket, stopping), CancellationToken.None);
        OscLog.Listening(_logger, OscTransportKind.Udp, LocalEndPoint);
        return LocalEndPoint;
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        _socket?.Dispose();
        await _receiveLoop.ConfigureAwait(false);
        _linkedStopping?.Dispose();
        _stopping.Dispose();
    }

    private async Task ReceiveLoopAsync(Socket socket, CancellationToken stopping)
    {
        var buffer = new byte[ReceiveBufferSize];
        EndPoint anySender = socket.AddressFamily == AddressFamily.InterNetworkV6
            ? new IPEndPoint(IPAddress.IPv6Any, 0)
            : new IPEndPoint(IPAddress.Any, 0);

        while (!stopping.IsCancellationRequested)
        {
            try
            {
                SocketReceiveFromResult received = await socket.ReceiveFromAsync(buffer, SocketFlags.None, anySender, stopping).ConfigureAwait(false);
                var sender = (IPEndPoint)received.RemoteEndPoint;
                var reply = new UdpReplyChannel(socket, sender, Counters);
                await _dispatcher.DispatchAsync(buffer.AsMemory(0, received.ReceivedBytes), OscTransportKind.Udp, sender, reply, stopping).ConfigureAwait(false);
            }
            catch (Exception) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (ObjectDisposedException)
            {
                return;
            }
            catch (Exception exception)
            {
                // E.g. Windows reports an earlier reply's ICMP "port unreachable" on the next receive.
                OscLog.ReceiveFailed(_logger, exception, OscTransportKind.Udp);
                await Task.Delay(ErrorBackoff, CancellationToken.None).ConfigureAwait(false);
            }
        }
    }

    private sealed class UdpReplyChannel(Socket socket, IPEndPoint destination, OscServerCounters counters) : IOscReplyChannel
    {
        public async ValueTask SendAsync(OscPacket packet, CancellationToken cancellationToken = default)
        {
            byte[] bytes = OscCodec.Encode(packet);
            await socket.SendToAsync(bytes, SocketFlags.None, destination, cancellationToken).ConfigureAwait(false);
            counters.ReplySent();
        }
    }
}
