using System.Net;
using System.Net.Sockets;
using Mimiumd.Osc.Tests.Support;
using Mimiumd.Osc.Transport;

namespace Mimiumd.Osc.Tests.Transport;

public class UdpServerTests
{
    [Fact]
    public async Task Start_binds_an_ephemeral_loopback_port_by_default()
    {
        await using var server = new OscUdpServer(new MessageSink().HandleAsync);

        IPEndPoint bound = server.Start();

        Assert.Equal(IPAddress.Loopback, bound.Address);
        Assert.NotEqual(0, bound.Port);
        Assert.Equal(bound, server.LocalEndPoint);
    }

    [Fact]
    public async Task Message_is_handled_and_the_reply_reaches_the_sender()
    {
        MessageSink sink = MessageSink.Echo();
        await using var server = new OscUdpServer(sink.HandleAsync);
        IPEndPoint bound = server.Start();
        await using OscClient client = await OscClient.ConnectUdpAsync(bound);

        OscMessage reply = await client.SendAndWaitAsync(Samples.MessageWithEveryType(), m => m.Address == "/echo/every/type", Eventually.Timeout);

        Assert.Equal(Samples.MessageWithEveryType().Args, reply.Args);
        OscInboundMessage inbound = await sink.NextAsync();
        Assert.Equal(OscTransportKind.Udp, inbound.Transport);
        Assert.Equal(client.LocalEndPoint.Port, inbound.RemoteEndPoint.Port);
        Assert.Null(inbound.BundleTime);
        Assert.True(await Eventually.HoldsAsync(() => server.Counters.RepliesSent == 1));
    }

    [Fact]
    public async Task Bundles_are_flattened_in_order_with_their_time_tags()
    {
        var sink = new MessageSink();
        await using var server = new OscUdpServer(sink.HandleAsync);
        await using OscClient client = await OscClient.ConnectUdpAsync(server.Start());

        await client.SendAsync(Samples.NestedBundle());

        var received = new List<OscInboundMessage>();
        for (int i = 0; i < 4; i++)
        {
            received.Add(await sink.NextAsync());
        }

        Assert.Equal(["/first", "/second", "/third", "/fourth"], received.Select(r => r.Message.Address));
        Assert.Equal(new OscTimeTag(2000, 0), received[2].BundleTime);
        Assert.Equal(1, server.Counters.PacketsReceived);
        Assert.True(await Eventually.HoldsAsync(() => server.Counters.MessagesHandled == 4));
    }

    [Fact]
    public async Task Malformed_datagrams_are_counted_and_do_not_stop_the_server()
    {
        var sink = new MessageSink();
        await using var server = new OscUdpServer(sink.HandleAsync);
        IPEndPoint bound = server.Start();
        using var raw = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);

        await raw.SendToAsync("garbage!"u8.ToArray(), bound);
        await raw.SendToAsync(new byte[] { 0x2f, 0x61, 0, 0, 0x2c, 0x62, 0, 0, 0x7f, 0xff, 0xff, 0xff }, bound);
        await raw.SendToAsync(OscCodec.Encode(new OscMessage("/after")), bound);

        Assert.Equal("/after", (await sink.NextAsync()).Message.Address);
        Assert.Equal(3, server.Counters.PacketsReceived);
        Assert.Equal(2, server.Counters.MalformedDropped);
    }

    [Fact]
    public async Task Handler_exceptions_are_counted_and_the_next_message_is_still_handled()
    {
        var sink = new MessageSink
        {
            Respond = m => m.Address == "/boom" ? throw new InvalidOperationException("handler bug") : null,
        };
        await using var server = new OscUdpServer(sink.HandleAsync);
        await using OscClient client = await OscClient.ConnectUdpAsync(server.Start());

        await client.SendAsync(new OscMessage("/boom"));
        await client.SendAsync(new OscMessage("/fine"));

        Assert.Equal("/fine", (await sink.NextAsync()).Message.Address);
        Assert.True(await Eventually.HoldsAsync(() => server.Counters.HandlerFailures == 1 && server.Counters.MessagesHandled == 1));
    }

    [Fact]
    public async Task Packets_over_the_configured_limit_are_dropped()
    {
        var sink = new MessageSink();
        var options = new OscServerOptions { Limits = new OscLimits { MaxPacketSize = 64 } };
        await using var server = new OscUdpServer(sink.HandleAsync, options);
        await using OscClient client = await OscClient.ConnectUdpAsync(server.Start());

        await client.SendAsync(new OscMessage("/big", new byte[100]));
        await client.SendAsync(new OscMessage("/small"));

        Assert.Equal("/small", (await sink.NextAsync()).Message.Address);
        Assert.Equal(1, server.Counters.MalformedDropped);
    }

    [Fact]
    public async Task Works_over_ipv6_loopback()
    {
        MessageSink sink = MessageSink.Echo();
        await using var server = new OscUdpServer(sink.HandleAsync, new OscServerOptions { EndPoint = new IPEndPoint(IPAddress.IPv6Loopback, 0) });
        await using OscClient client = await OscClient.ConnectUdpAsync(server.Start());

        OscMessage reply = await client.SendAndWaitAsync(new OscMessage("/v6", 6), _ => true, Eventually.Timeout);

        Assert.Equal(new OscMessage("/echo/v6", 6), reply);
    }

    [Fact]
    public async Task Cancelling_the_start_token_stops_the_server()
    {
        using var cancellation = new CancellationTokenSource();
        var sink = new MessageSink();
        await using var server = new OscUdpServer(sink.HandleAsync);
        IPEndPoint bound = server.Start(cancellation.Token);

        await cancellation.CancelAsync();
        await server.DisposeAsync().AsTask().WaitAsync(Eventually.Timeout);

        await using OscClient client = await OscClient.ConnectUdpAsync(bound);
        await client.SendAsync(new OscMessage("/late"));
        Assert.Equal(0, server.Counters.PacketsReceived);
    }

    [Fact]
    public async Task Client_times_out_when_no_reply_matches()
    {
        await using var server = new OscUdpServer(MessageSink.Echo().HandleAsync);
        await using OscClient client = await OscClient.ConnectUdpAsync(server.Start());

        await Assert.ThrowsAsync<TimeoutException>(() =>
            client.SendAndWaitAsync(new OscMessage("/q"), m => m.Address == "/never", TimeSpan.FromMilliseconds(200)));
    }
}
