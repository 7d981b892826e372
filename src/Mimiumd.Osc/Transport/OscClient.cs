using System.Net;
using Mimiumd.Osc.Transport.Client;

namespace Mimiumd.Osc.Transport;

/// <summary>
/// Sends OSC packets to one server over UDP or TCP and waits for replies. Meant for tools and
/// tests (e.g. a CLI's send/status commands), not for high throughput.
/// </summary>
public sealed class OscClient : IAsyncDisposable
{
    private readonly IClientConnection _connection;
    private readonly OscLimits _limits;
    private readonly ReplyRouter _router = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _receiveLoop;
    private long _malformedDropped;
    private int _disposed;

    private OscClient(IClientConnection connection, IPEndPoint remote, OscTransportKind transport, OscLimits limits)
    {
        _connection = connection;
        _limits = limits;
        RemoteEndPoint = remote;
        Transport = transport;
        _receiveLoop = Task.Run(ReceiveLoopAsync);
    }

    public IPEndPoint RemoteEndPoint { get; }

    public IPEndPoint LocalEndPoint => _connection.LocalEndPoint;

    public OscTransportKind Transport { get; }

    /// <summary>Received packets that could not be decoded.</summary>
    public long MalformedDropped => Interlocked.Read(ref _malformedDropped);

    public static async Task<OscClient> ConnectUdpAsync(IPEndPoint remote, OscLimits? limits = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(remote);
        UdpClientConnection connection = await UdpClientConnection.ConnectAsync(remote, cancellationToken).ConfigureAwait(false);
        return new OscClient(connection, remote, OscTransportKind.Udp, limits ?? OscLimits.Default);
    }

    /// <param name="framing">How to frame what we send; replies are accepted in either framing.</param>
    /// <exception cref="System.Net.Sockets.SocketException">The connection is refused.</exception>
    public static async Task<OscClient> ConnectTcpAsync(
        IPEndPoint remote,
        OscTcpFraming framing = OscTcpFraming.Slip,
        OscLimits? limits = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(remote);
        limits ??= OscLimits.Default;
        TcpClientConnection connection = await TcpClientConnection.ConnectAsync(remote, framing, limits.MaxPacketSize, cancellationToken).ConfigureAwait(false);
        return new OscClient(connection, remote, OscTransportKind.Tcp, limits);
    }

    public async Task SendAsync(OscPacket packet, CancellationToken cancellationToken = default)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        await _connection.SendAsync(OscCodec.Encode(packet), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sends <paramref name="packet"/> and returns the first message received afterwards that <paramref name="isReply"/> accepts.</summary>
    /// <exception cref="TimeoutException">No matching message arrived within <paramref name="timeout"/>.</exception>
    /// <exception cref="IOException">The server closed the connection first (TCP).</exception>
    public async Task<OscMessage> SendAndWaitAsync(OscPacket packet, Func<OscMessage, bool> isReply, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(isReply);
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        // Registered before sending so a fast reply cannot slip past; older messages are ignored
        // because they cannot be answers to this request.
        ReplyRouter.Waiter waiter = _router.Register(isReply, searchBacklog: false);
        try
        {
            await _connection.SendAsync(OscCodec.Encode(packet), cancellationToken).ConfigureAwait(false);
            return await waiter.Completion.Task.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _router.Unregister(waiter);
        }
    }

    /// <summary>Returns the first message, including ones received shortly before the call, that <paramref name="predicate"/> accepts.</summary>
    /// <exception cref="TimeoutException">No matching message arrived within <paramref name="timeout"/>.</exception>
    public async Task<OscMessage> WaitForMessageAsync(Func<OscMessage, bool> predicate, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        ReplyRouter.Waiter waiter = _router.Register(predicate, searchBacklog: true);
        try
        {
            return await waiter.Completion.Task.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _router.Unregister(waiter);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stopping.CancelAsync().ConfigureAwait(false);
        _connection.Dispose();
        await _receiveLoop.ConfigureAwait(false);
        _stopping.Dispose();
    }

    private async Task ReceiveLoopAsync()
    {
        Exception closedBecause;
        try
        {
            await _connection.ReceiveAsync(OnPacket, _stopping.Token).ConfigureAwait(false);
            closedBecause = new IOException("The server closed the connection.");
        }
        catch (Exception exception)
        {
            closedBecause = _stopping.IsCancellationRequested
                ? new ObjectDisposedException(nameof(OscClient))
                : new IOException("The connection to the server failed.", exception);
        }

        _router.Close(closedBecause);
    }

    private void OnPacket(ReadOnlyMemory<byte> data)
    {
        if (!OscCodec.TryDecode(data.Span, _limits, out OscPacket? packet, out _))
        {
            Interlocked.Increment(ref _malformedDropped);
            return;
        }

        foreach (OscTimedMessage timed in packet.EnumerateMessages())
        {
            _router.Publish(timed.Message);
        }
    }
}
