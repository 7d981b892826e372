using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Mimiumd.Osc.Transport.Framing;

namespace Mimiumd.Osc.Transport;

/// <summary>One accepted TCP connection: its receive loop, and the reply channel that writes back to it.</summary>
internal sealed class OscTcpConnection : IOscReplyChannel, IDisposable
{
    private const int ReadChunkSize = 16 * 1024;

    private readonly Socket _socket;
    private readonly NetworkStream _stream;
    private readonly OscPacketDispatcher _dispatcher;
    private readonly int _maxFrameSize;
    private readonly ILogger _logger;
    private readonly IPEndPoint _remote;
    // A handler may reply from several tasks; frames must not interleave on the stream.
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private IFrameDecoder? _decoder;

    public OscTcpConnection(Socket socket, OscPacketDispatcher dispatcher, int maxFrameSize, ILogger logger)
    {
        _socket = socket;
        _socket.NoDelay = true;
        _stream = new NetworkStream(socket, ownsSocket: true);
        _dispatcher = dispatcher;
        _maxFrameSize = maxFrameSize;
        _logger = logger;
        _remote = (IPEndPoint)socket.RemoteEndPoint!;
    }

    public async Task RunAsync(CancellationToken stopping)
    {
        var buffer = new byte[ReadChunkSize];
        var events = new List<FrameEvent>();
        Exception? closedBy = null;
        try
        {
            while (true)
            {
                int read = await _stream.ReadAsync(buffer, stopping).ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                if (_decoder is null)
                {
                    _decoder = FrameDecoders.ForFirstByte(buffer[0], _maxFrameSize);
                    OscLog.FramingDetected(_logger, _remote, _decoder.Framing);
                }

                events.Clear();
                bool streamStillFramed = _decoder.Feed(buffer.AsSpan(0, read), events);
                foreach (FrameEvent frame in events)
                {
                    if (frame.Payload is null)
                    {
                        _dispatcher.RejectFrame(frame.Error!, _remote);
                    }
                    else
                    {
                        await _dispatcher.DispatchAsync(frame.Payload, OscTransportKind.Tcp, _remote, this, stopping).ConfigureAwait(false);
                    }
                }

                if (!streamStillFramed)
                {
                    break;
                }
            }
        }
        catch (Exception exception) when (exception is IOException or SocketException or ObjectDisposedException or OperationCanceledException)
        {
            closedBy = exception;
        }

        OscLog.ConnectionClosed(_logger, closedBy, _remote);
    }

    public async ValueTask SendAsync(OscPacket packet, CancellationToken cancellationToken = default)
    {
        OscTcpFraming framing = _decoder?.Framing
            ?? throw new InvalidOperationException("Cannot reply before the peer has sent a frame.");
        byte[] frame = FrameEncoder.Encode(framing, OscCodec.Encode(packet));
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await _stream.WriteAsync(frame, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _writeLock.Release();
        }

        _dispatcher.Counters.ReplySent();
    }

    public void Dispose()
    {
        _stream.Dispose();
        _socket.Dispose();
    }
}
