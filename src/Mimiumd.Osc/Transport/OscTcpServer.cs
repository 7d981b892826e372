using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Mimiumd.Osc.Transport;

/// <summary>
/// Receives OSC packets over TCP. Each connection's framing (SLIP or int32 length prefix) is
/// detected from its first byte; replies go back on the same connection in the same framing.
/// </summary>
public sealed class OscTcpServer : IAsyncDisposable
{
    private const int ListenBacklog = 16;
    private static readonly TimeSpan ErrorBackoff = TimeSpan.FromMilliseconds(10);

    private readonly OscServerOptions _options;
    private readonly ILogger _logger;
    private readonly OscPacketDispatcher _dispatcher;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<OscTcpConnection, Task> _connections = new();
    private CancellationTokenSource? _linkedStopping;
    private Socket? _listener;
    private Task _acceptLoop = Task.CompletedTask;
    private int _disposed;

    public OscTcpServer(OscMessageHandler handler, OscServerOptions? options = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(handler);
        _options = options ?? new OscServerOptions();
        _logger = logger ?? NullLogger.Instance;
        _dispatcher = new OscPacketDispatcher(handler, _options.Limits, Counters, _logger);
    }

    public OscServerCounters Counters { get; } = new();

    /// <summary>The bound endpoint, with the real port when port 0 was requested; null before <see cref="Start"/>.</summary>
    public IPEndPoint? LocalEndPoint { get; private set; }

    /// <summary>Connections currently open.</summary>
    public int ConnectionCount => _connections.Count;

    /// <summary>Binds, listens and starts accepting in the background.</summary>
    /// <returns>The bound endpoint; its port is the actual one.</returns>
    /// <exception cref="SocketException">The endpoint cannot be bound, e.g. the port is in use.</exception>
    public IPEndPoint Start(CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        if (_listener is not null)
        {
            throw new InvalidOperationException("The server is already started.");
        }

        var listener = SocketSetup.Bind(_options.EndPoint, SocketType.Stream, ProtocolType.Tcp, ListenBacklog);

        _listener = listener;
        LocalEndPoint = (IPEndPoint)listener.LocalEndPoint!;
        _linkedStopping = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token, cancellationToken);
        CancellationToken stopping = _linkedStopping.Token;
        _acceptLoop = Task.Run(() => AcceptLoopAsync(listener, stopping), CancellationToken.None);
        OscLog.Listening(_logger, OscTransportKind.Tcp, LocalEndPoint);
        return LocalEndPoint;
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        _listener?.Dispose();
        await _acceptLoop.ConfigureAwait(false);
        foreach (OscTcpConnection connection in _connections.Keys)
        {
            connection.Dispose();
        }

        await Task.WhenAll(_connections.Values).ConfigureAwait(false);
        _linkedStopping?.Dispose();
        _stopping.Dispose();
    }

    private async Task AcceptLoopAsync(Socket listener, CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await listener.AcceptAsync(stopping).ConfigureAwait(false);
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
                OscLog.ReceiveFailed(_logger, exception, OscTransportKind.Tcp);
                await Task.Delay(ErrorBackoff, CancellationToken.None).ConfigureAwait(false);
                continue;
            }

            if (_connections.Count >= _options.MaxTcpConnections)
            {
                Counters.ConnectionRejected();
                OscLog.ConnectionRefused(_logger, client.RemoteEndPoint, _options.MaxTcpConnections);
                client.Dispose();
                continue;
            }

            Counters.ConnectionAccepted();
            var connection = new OscTcpConnection(client, _dispatcher, _options.Limits.MaxPacketSize, _logger);
            // Registered before it runs, so a connection that ends at once cannot be removed before it is added.
            var serving = new Task<Task>(() => ServeAsync(connection, stopping));
            _connections[connection] = serving.Unwrap();
            serving.Start(TaskScheduler.Default);
        }
    }

    private async Task ServeAsync(OscTcpConnection connection, CancellationToken stopping)
    {
        try
        {
            await connection.RunAsync(stopping).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            OscLog.ReceiveFailed(_logger, exception, OscTransportKind.Tcp);
        }
        finally
        {
            connection.Dispose();
            _connections.TryRemove(connection, out _);
        }
    }
}
