using System.Net;
using System.Net.Sockets;
using Mimiumd.Osc.Transport.Framing;

namespace Mimiumd.Osc.Transport.Client;

internal sealed class TcpClientConnection : IClientConnection
{
    private const int ReadChunkSize = 16 * 1024;

    private readonly Socket _socket;
    private readonly NetworkStream _stream;
    private readonly OscTcpFraming _framing;
    private readonly int _maxFrameSize;
    private readonly SemaphoreSlim _writeLock = new(1, 1);

    private TcpClientConnection(Socket socket, OscTcpFraming framing, int maxFrameSize)
    {
        _socket = socket;
        _stream = new NetworkStream(socket, ownsSocket: true);
        _framing = framing;
        _maxFrameSize = maxFrameSize;
        LocalEndPoint = (IPEndPoint)socket.LocalEndPoint!;
    }

    public IPEndPoint LocalEndPoint { get; }

    public static async Task<TcpClientConnection> ConnectAsync(IPEndPoint remote, OscTcpFraming framing, int maxFrameSize, CancellationToken cancellationToken)
    {
        var socket = new Socket(remote.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(remote, cancellationToken).ConfigureAwait(false);
            return new TcpClientConnection(socket, framing, maxFrameSize);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    public async ValueTask SendAsync(byte[] packet, CancellationToken cancellationToken)
    {
        byte[] frame = FrameEncoder.Encode(_framing, packet);
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await _stream.WriteAsync(frame, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    public async Task ReceiveAsync(Action<ReadOnlyMemory<byte>> onPacket, CancellationToken cancellationToken)
    {
        var buffer = new byte[ReadChunkSize];
        var events = new List<FrameEvent>();
        IFrameDecoder? decoder = null;
        while (true)
        {
            int read = await _stream.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                return;
            }

            // Servers other than ours may answer in a framing other than the one we send.
            decoder ??= FrameDecoders.ForFirstByte(buffer[0], _maxFrameSize);
            events.Clear();
            bool streamStillFramed = decoder.Feed(buffer.AsSpan(0, read), events);
            foreach (FrameEvent frame in events)
            {
                if (frame.Payload is not null)
                {
                    onPacket(frame.Payload);
                }
            }

            if (!streamStillFramed)
            {
                throw new IOException("The server sent a frame length that cannot be trusted.");
            }
        }
    }

    public void Dispose()
    {
        _stream.Dispose();
        _socket.Dispose();
    }
}
