using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Mimiumd.Osc;

namespace Mimiumd.Tests.EndToEnd.Harness;

/// <summary>A plain loopback UDP socket: sends arbitrary bytes and collects every datagram that comes back.</summary>
internal sealed class RawUdp : IDisposable
{
    private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);

    public RawUdp(int port = 0)
    {
        _socket.Bind(new IPEndPoint(IPAddress.Loopback, port));
        LocalEndPoint = (IPEndPoint)_socket.LocalEndPoint!;
    }

    public IPEndPoint LocalEndPoint { get; }

    public void Send(byte[] datagram, IPEndPoint to) => _socket.SendTo(datagram, to);

    public void Send(OscMessage message, IPEndPoint to) => Send(OscCodec.Encode(message), to);

    /// <summary>
    /// Collects replies until one satisfies <paramref name="isLast"/>, then keeps listening for
    /// <paramref name="linger"/> to catch anything extra. Undecodable datagrams fail the test.
    /// </summary>
    public async Task<List<OscMessage>> CollectAsync(Func<OscMessage, bool> isLast, TimeSpan linger, TimeSpan? timeout = null)
    {
        var received = new List<OscMessage>();
        var buffer = new byte[65536];
        var clock = Stopwatch.StartNew();
        var limit = timeout ?? Wait.Timeout;
        TimeSpan? stopAt = null;
        for (var i = 0; i < 10_000; i++)
        {
            var remaining = (stopAt ?? limit) - clock.Elapsed;
            if (remaining <= TimeSpan.Zero) break;
            using var cts = new CancellationTokenSource(remaining);
            int length;
            try
            {
                length = await _socket.ReceiveAsync(buffer, SocketFlags.None, cts.Token);
            }
            catch (OperationCanceledException)
            {
                break;
            }
            Assert.True(OscCodec.TryDecode(buffer.AsSpan(0, length), out var packet, out var error), $"the daemon sent an undecodable datagram: {error}");
            foreach (var timed in packet.EnumerateMessages())
            {
                received.Add(timed.Message);
                if (stopAt is null && isLast(timed.Message)) stopAt = clock.Elapsed + linger;
            }
        }
        Assert.True(stopAt is not null, $"the final reply never came; received: {string.Join(" | ", received)}");
        return received;
    }

    public void Dispose() => _socket.Dispose();
}
