using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using Mimiumd.Osc.Tests.Support;
using Mimiumd.Osc.Transport;

namespace Mimiumd.Osc.Tests.Transport;

public class TcpServerTests
{
    private static async Task<Socket> ConnectRawAsync(IPEndPoint endPoint)
    {
        var socket = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(endPoint).WaitAsync(Eventually.Timeout);
        return socket;
    }

    /// <summary>Reads until the server closes; returns the bytes read, bounded by the test timeout.</summary>
    private static async Task<byte[]> ReadUntilClosedAsync(Socket socket)
    {
        using var collected = new MemoryStream();
        var buffer = new byte[4096];
        using var timeout = new CancellationTokenSource(Eventually.Timeout);
        int read;
        while ((read = await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token)) > 0)
        {
            collected.Write(buffer, 0, read);
        }

        return collected.ToArray();
    }

    [Theory]
    [InlineData(OscTcpFraming.Slip)]
    [InlineData(OscTcpFraming.LengthPrefixed)]
    public async Task Message_is_handled_and_answered_on_the_same_connection(OscTcpFraming framing)
    {
        MessageSink sink = MessageSink.Echo();
        await using var server = new OscTcpServer(sink.HandleAsync);
        await using OscClient client = await OscClient.ConnectTcpAsync(server.Start(), framing);

        OscMessage reply = await client.SendAndWaitAsync(Samples.MessageWithEveryType(), m => m.Address.StartsWith("/echo"), Eventually.Timeout);

        Assert.Equal(Samples.MessageWithEveryType().Args, reply.Args);
        Assert.Equal(OscTransportKind.Tcp, (await sink.NextAsync()).Transport);
        Assert.Equal(1, server.Counters.RepliesSent);
    }

    [Fact]
    public async Task Reply_uses_the_framing_the_peer_chose()
    {
        await using var server = new OscTcpServer(MessageSink.Echo().HandleAsync);
        IPEndPoint bound = server.Start();
        byte[] packet = OscCodec.Encode(new OscMessage("/f", 1));
        byte[] expectedReply = OscCodec.Encode(new OscMessage("/echo/f", 1));

        using (Socket slip = await ConnectRawAsync(bound))
        {
            await slip.SendAsync(Mimiumd.Osc.Transport.Framing.FrameEncoder.Encode(OscTcpFraming.Slip, packet));
            slip.Shutdown(SocketShutdown.Send);
            byte[] reply = await ReadUntilClosedAsync(slip);
            Assert.Equal([0xC0, .. expectedReply, 0xC0], reply);
        }

        using (Socket prefixed = await ConnectRawAsync(bound))
        {
            await prefixed.SendAsync(Mimiumd.Osc.Transport.Framing.FrameEncoder.Encode(OscTcpFraming.LengthPrefixed, packet));
            prefixed.Shutdown(SocketShutdown.Send);
            byte[] reply = await ReadUntilClosedAsync(prefixed);
            Assert.Equal(expectedReply.Length, BinaryPrimitives.ReadInt32BigEndian(reply));
            Assert.Equal(expectedReply, reply[4..]);
        }
    }

    [Fact]
    public async Task Several_frames_in_one_write_and_one_frame_over_many_writes_are_all_handled()
    {
        var sink = new MessageSink();
        await using var server = new OscTcpServer(sink.HandleAsync);
        using Socket socket = await ConnectRawAsync(server.Start());
        byte[] first = Mimiumd.Osc.Transport.Framing.FrameEncoder.Encode(OscTcpFraming.LengthPrefixed, OscCodec.Encode(new OscMessage("/one")));
        byte[] second = Mimiumd.Osc.Transport.Framing.FrameEncoder.Encode(OscTcpFraming.LengthPrefixed, OscCodec.Encode(new OscMessage("/two")));
        byte[] third = Mimiumd.Osc.Transport.Framing.FrameEncoder.Encode(OscTcpFraming.LengthPrefixed, OscCodec.Encode(new OscMessage("/three", "x")));

        await socket.SendAsync((byte[])[.. first, .. second]);
        foreach (byte b in third)
        {
            await socket.SendAsync(new[] { b });
            await Task.Delay(1);
        }

        Assert.Equal("/one", (await sink.NextAsync()).Message.Address);
        Assert.Equal("/two", (await sink.NextAsync()).Message.Address);
        Assert.Equal(new OscMessage("/three", "x"), (await sink.NextAsync()).Message);
    }

    [Fact]
    public async Task Oversized_length_prefixed_frame_is_counted_and_closes_the_connection()
    {
        var sink = new MessageSink();
        await using var server = new OscTcpServer(sink.HandleAsync);
        using Socket socket = await ConnectRawAsync(server.Start());
        var header = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(header, OscLimits.Default.MaxPacketSize + 4);

        await socket.SendAsync(header);

        Assert.Empty(await ReadUntilClosedAsync(socket));
        Assert.Equal(1, server.Counters.MalformedDropped);
        Assert.True(await Eventually.HoldsAsync(() => server.ConnectionCount == 0));
    }

    [Fact]
    public async Task Oversized_slip_frame_is_counted_and_the_connection_recovers()
    {
        var sink = new MessageSink();
        var options = new OscServerOptions { Limits = new OscLimits { MaxPacketSize = 1024 } };
        await using var server = new OscTcpServer(sink.HandleAsync, options);
        await using OscClient client = await OscClient.ConnectTcpAsync(server.Start(), OscTcpFraming.Slip);

        await client.SendAsync(new OscMessage("/huge", new byte[4000]));
        await client.SendAsync(new OscMessage("/after"));

        Assert.Equal("/after", (await sink.NextAsync()).Message.Address);
        Assert.Equal(1, server.Counters.MalformedDropped);
        Assert.Equal(2, server.Counters.PacketsReceived);
    }

    [Fact]
    public async Task Malformed_packet_in_a_valid_frame_is_counted_and_the_connection_stays_open()
    {
        MessageSink sink = MessageSink.Echo();
        await using var server = new OscTcpServer(sink.HandleAsync);
        IPEndPoint bound = server.Start();
        using Socket raw = await ConnectRawAsync(bound);

        await raw.SendAsync(Mimiumd.Osc.Transport.Framing.FrameEncoder.Encode(OscTcpFraming.Slip, "/bad,unterminated"u8));
        await raw.SendAsync(Mimiumd.Osc.Transport.Framing.FrameEncoder.Encode(OscTcpFraming.Slip, OscCodec.Encode(new OscMessage("/ok"))));

        Assert.Equal("/ok", (await sink.NextAsync()).Message.Address);
        Assert.Equal(1, server.Counters.MalformedDropped);
        Assert.Equal(1, server.ConnectionCount);
    }

    [Fact]
    public async Task Connections_beyond_the_limit_are_refused_and_counted()
    {
        MessageSink sink = MessageSink.Echo();
        await using var server = new OscTcpServer(sink.HandleAsync, new OscServerOptions { MaxTcpConnections = 1 });
        IPEndPoint bound = server.Start();
        await using OscClient first = await OscClient.ConnectTcpAsync(bound);
        await first.SendAndWaitAsync(new OscMessage("/hello"), _ => true, Eventually.Timeout);

        using Socket second = await ConnectRawAsync(bound);

        Assert.Empty(await ReadUntilClosedAsync(second));
        Assert.Equal(1, server.Counters.ConnectionsRejected);
        Assert.Equal(1, server.Counters.ConnectionsAccepted);
    }

    [Fact]
    public async Task Client_waiting_for_a_reply_fails_fast_when_the_server_goes_away()
    {
        var server = new OscTcpServer(new MessageSink().HandleAsync);
        await using OscClient client = await OscClient.ConnectTcpAsync(server.Start());
        await client.SendAsync(new OscMessage("/x"));
        Assert.True(await Eventually.HoldsAsync(() => server.Counters.MessagesHandled == 1));

        Task<OscMessage> waiting = client.WaitForMessageAsync(_ => true, Eventually.Timeout);
        await server.DisposeAsync();

        await Assert.ThrowsAsync<IOException>(() => waiting);
    }

    [Fact]
    public async Task Dispose_closes_open_connections_promptly()
    {
        var server = new OscTcpServer(new MessageSink().HandleAsync);
        using Socket idle = await ConnectRawAsync(server.Start());
        Assert.True(await Eventually.HoldsAsync(() => server.ConnectionCount == 1));

        await server.DisposeAsync().AsTask().WaitAsync(Eventually.Timeout);

        Assert.Empty(await ReadUntilClosedAsync(idle));
    }
}
