using System.Buffers.Binary;
using System.Net.Sockets;
using System.Text;
using Mimiumd.Osc;
using Mimiumd.Tests.EndToEnd.Harness;

namespace Mimiumd.Tests.EndToEnd;

/// <summary>Malformed packets and wrongly typed requests: dropped or answered once, never fatal.</summary>
public class RobustnessTests
{
    private const string Program = "fn dsp(){\n    let g = Control!(\"gain\", 0.25)\n    (g, g)\n}\n";

    private static byte[] Bytes(string ascii) => Encoding.ASCII.GetBytes(ascii);

    private static byte[] Nested(int depth)
    {
        OscPacket packet = new OscMessage("/mimium/sync", 1);
        for (var i = 0; i < depth; i++) packet = new OscBundle(OscTimeTag.Immediately, packet);
        return OscCodec.Encode(packet);
    }

    public static IEnumerable<byte[]> MalformedDatagrams()
    {
        var sync = OscCodec.Encode(new OscMessage("/mimium/sync", 1));
        yield return Bytes("garbage");                                  // not a multiple of 4, no '/'
        yield return Bytes("junk junk junk!!");                          // multiple of 4, no '/'
        var random = new byte[64];
        new Random(1234).NextBytes(random);
        random[0] = 0xFF;
        yield return random;
        yield return sync[..^4];                                         // truncated: the int is missing
        yield return sync[..^2];                                         // truncated mid-argument
        yield return [.. Bytes("/mimium/sync\0\0\0\0,ii\0"), 0, 0, 0, 1]; // type tags promise two ints, one is there
        yield return [.. Bytes("/mimium/sync\0\0\0\0junk")];             // arguments without a type tag string
        yield return [.. Bytes("#bundle\0"), 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 64, .. sync]; // element size beyond the packet
        yield return Bytes("#bun");                                      // not even a bundle header
        yield return Nested(9);                                          // bundles nested deeper than the limit of 8
        yield return [];                                                 // empty datagram
    }

    [Fact]
    public async Task Malformed_udp_packets_are_dropped_without_reply_counted_and_the_daemon_keeps_answering()
    {
        await using var daemon = await TestDaemon.StartAsync(new() { Program = Program });
        using var raw = new RawUdp();
        var malformed = MalformedDatagrams().ToList();

        foreach (var datagram in malformed) raw.Send(datagram, daemon.Udp);
        raw.Send(new OscMessage("/mimium/sync", 99), daemon.Udp);

        // The only answer is the one to the well-formed request.
        var replies = await raw.CollectAsync(m => m.Address == "/mimium/synced", linger: TimeSpan.FromMilliseconds(300));
        Assert.Equal([new OscMessage("/mimium/synced", 99)], replies);

        var client = await daemon.UdpClientAsync();
        var status = await client.AskAsync("/mimium/status");
        Assert.Equal(malformed.Count, status.Int(10));
        Assert.Equal(malformed.Count, daemon.Osc.MalformedPackets);
        Assert.Equal("playing", status.Str(0));
        OscAsk.AssertDone(await client.AskAsync("/gain", 0.5f), "/gain");
        await Wait.UntilAsync(() => daemon.Tap.Last(0) == 0.5f, "the daemon still controls the audio");
    }

    [Fact]
    public async Task A_well_formed_bundle_nested_within_the_limit_is_answered()
    {
        await using var daemon = await TestDaemon.StartAsync(new() { Program = Program });
        using var raw = new RawUdp();

        raw.Send(Nested(8), daemon.Udp);

        Assert.Equal([new OscMessage("/mimium/synced", 1)], await raw.CollectAsync(m => m.Address == "/mimium/synced", TimeSpan.FromMilliseconds(100)));
        Assert.Equal(0, daemon.Osc.MalformedPackets);
    }

    [Fact]
    public async Task A_malformed_tcp_frame_is_dropped_and_counted_and_the_connection_keeps_working()
    {
        await using var daemon = await TestDaemon.StartAsync(new() { Program = Program });
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(daemon.Tcp);
        using var stream = new NetworkStream(socket);

        await stream.WriteAsync(Frame(Bytes("abcdefgh")));
        await stream.WriteAsync(Frame(OscCodec.Encode(new OscMessage("/mimium/sync", 5))));

        using var timeout = new CancellationTokenSource(Wait.Timeout);
        var header = new byte[4];
        await stream.ReadExactlyAsync(header, timeout.Token);
        var payload = new byte[BinaryPrimitives.ReadInt32BigEndian(header)];
        await stream.ReadExactlyAsync(payload, timeout.Token);
        Assert.True(OscCodec.TryDecode(payload, out var reply, out _));
        Assert.Equal(new OscMessage("/mimium/synced", 5), reply);
        Assert.Equal(1, daemon.Osc.MalformedPackets);

        static byte[] Frame(byte[] payload)
        {
            var frame = new byte[4 + payload.Length];
            BinaryPrimitives.WriteInt32BigEndian(frame, payload.Length);
            payload.CopyTo(frame, 4);
            return frame;
        }
    }

    /// <summary>Requests with missing or wrongly typed arguments, one per /mimium/* address that takes arguments.</summary>
    public static readonly OscMessage[] WronglyTyped =
    [
        new("/mimium/code"),
        new("/mimium/code", 1),
        new("/mimium/code", 1.5f),
        new("/mimium/code", new OscArgument.Blob([1, 2, 3])),
        new("/mimium/code", "fn dsp(){ 0.0 }", 1, 2),
        new("/mimium/param"),
        new("/mimium/param", 1, 0.5f),
        new("/mimium/param", "gain"),
        new("/mimium/param", "gain", "loud"),
        new("/mimium/param", "gain", OscArgument.Nil.Instance),
        new("/mimium/param", new OscArgument.Array(1, 2)),
        new("/mimium/sync"),
        new("/mimium/sync", "x"),
        new("/mimium/sync", 1.5f),
        new("/mimium/sync", 1, 2),
        new("/mimium/notify"),
        new("/mimium/notify", "yes"),
        new("/mimium/notify", 0.5),
        new("/mimium/notify", 1, 1),
        new("/mimium/nothing", true),
        new("/mimium", 1),
        new("/gain", "loud"),
        new("/gain", OscArgument.Impulse.Instance),
        new("/gain/1", 0.1f),
        new("/gain/0", "x"),
    ];

    /// <summary>Addresses that take no arguments (on loopback): extra ones are ignored and they answer normally.</summary>
    public static readonly OscMessage[] ExtraArguments =
    [
        new("/mimium/status", 1),
        new("/mimium/version", "x"),
        new("/mimium/code/get", 2.5f),
        new("/mimium/pause", new OscArgument.Blob([9])),
        new("/mimium/stop", 7),
        new("/mimium/panic", OscArgument.Nil.Instance),
        new("/mimium/play", 1L),
    ];

    [Fact]
    public async Task Every_wrongly_typed_request_gets_exactly_one_fail_and_argument_free_addresses_exactly_one_reply()
    {
        await using var daemon = await TestDaemon.StartAsync(new() { Program = Program });
        using var raw = new RawUdp();
        var requests = WronglyTyped.Concat(ExtraArguments).ToList();

        // One socket, one after another: the daemon handles a sender's messages in order, so replies come in order.
        var collecting = raw.CollectAsync(m => m == new OscMessage("/mimium/synced", 12345), linger: TimeSpan.FromMilliseconds(300));
        foreach (var request in requests) raw.Send(request, daemon.Udp);
        raw.Send(new OscMessage("/mimium/sync", 12345), daemon.Udp);
        var replies = await collecting;

        Assert.True(replies.Count == requests.Count + 1,
            $"expected {requests.Count + 1} replies, got {replies.Count}:\n{string.Join("\n", replies)}");
        for (var i = 0; i < requests.Count; i++)
        {
            Assert.True(OscAsk.Answers(replies[i], requests[i].Address), $"reply {i} {replies[i]} does not answer {requests[i]}");
            if (i < WronglyTyped.Length) OscAsk.AssertFail(replies[i], requests[i].Address);
            else Assert.NotEqual("/fail", replies[i].Address);
        }

        // Nothing was changed by the failed requests (the version moved: panic restarts the program as a new version).
        Assert.Equal(Program, daemon.Engine.Live.Source);
        Assert.Equal(0.25, daemon.Engine.Parameters.Latest("gain", 0));
        Assert.Equal(0, daemon.Osc.Status().NotifyClients);
        Assert.Equal(0, daemon.Osc.MalformedPackets);
    }

    [Fact]
    public async Task Each_message_of_a_bundle_gets_its_own_reply_in_order()
    {
        await using var daemon = await TestDaemon.StartAsync(new() { Program = Program });
        using var raw = new RawUdp();

        raw.Send(OscCodec.Encode(new OscBundle(OscTimeTag.Immediately,
            new OscMessage("/mimium/sync", 1),
            new OscMessage("/mimium/bogus"),
            new OscBundle(OscTimeTag.Immediately, new OscMessage("/gain", 0.5f)),
            new OscMessage("/mimium/sync", 2))), daemon.Udp);

        var replies = await raw.CollectAsync(m => m == new OscMessage("/mimium/synced", 2), linger: TimeSpan.FromMilliseconds(200));
        Assert.Equal(
            [new OscMessage("/mimium/synced", 1), new OscMessage("/fail", "/mimium/bogus", "not found"), new OscMessage("/done", "/gain"), new OscMessage("/mimium/synced", 2)],
            replies);
    }

    [Fact]
    public async Task A_burst_of_parameter_messages_is_answered_one_for_one_and_the_last_value_wins()
    {
        await using var daemon = await TestDaemon.StartAsync(new() { Program = Program });
        using var raw = new RawUdp();
        const int count = 200;

        // Replies are read while the burst goes out, so neither side's socket buffer overflows.
        var collecting = raw.CollectAsync(m => m.Address == "/mimium/synced", linger: TimeSpan.FromMilliseconds(200));
        for (var i = 1; i <= count; i++)
        {
            raw.Send(new OscMessage("/gain", i / (float)count), daemon.Udp);
            if (i % 20 == 0) await Task.Delay(5);
        }
        raw.Send(new OscMessage("/mimium/sync", 1), daemon.Udp);

        var replies = await collecting;
        Assert.Equal(count, replies.Count(r => r == new OscMessage("/done", "/gain")));
        Assert.Equal(count + 1, replies.Count);
        Assert.Equal(1.0, daemon.Engine.Parameters.Latest("gain", 0));
        await Wait.UntilAsync(() => daemon.Tap.Last(0) == 1.0f, "the last value is heard");
    }
}

/// <summary>Mimiumd:Osc:MaxTcpConnections.</summary>
public class TcpConnectionLimitTests
{
    [Fact]
    public async Task Connections_beyond_the_limit_are_closed_and_a_freed_slot_is_usable_again()
    {
        await using var daemon = await TestDaemon.StartAsync(new()
        {
            Program = "fn dsp(){ (0.0, 0.0) }\n",
            Settings = new Dictionary<string, string?> { ["Mimiumd:Osc:MaxTcpConnections"] = "2" },
        });
        var first = await Mimiumd.Osc.Transport.OscClient.ConnectTcpAsync(daemon.Tcp, Mimiumd.Osc.Transport.OscTcpFraming.Slip);
        var second = await daemon.TcpClientAsync(Mimiumd.Osc.Transport.OscTcpFraming.LengthPrefixed);
        Assert.Equal(new OscMessage("/mimium/synced", 1), await first.AskAsync("/mimium/sync", 1));
        Assert.Equal(new OscMessage("/mimium/synced", 2), await second.AskAsync("/mimium/sync", 2));

        await using (var third = await Mimiumd.Osc.Transport.OscClient.ConnectTcpAsync(daemon.Tcp, Mimiumd.Osc.Transport.OscTcpFraming.Slip))
        {
            await Assert.ThrowsAsync<IOException>(() => third.AskAsync("/mimium/sync", 3));
        }

        await first.DisposeAsync();
        // The daemon notices the closed connection asynchronously: retry a bounded number of times.
        OscMessage? reply = null;
        for (var attempt = 0; attempt < 50 && reply is null; attempt++)
        {
            await using var fourth = await Mimiumd.Osc.Transport.OscClient.ConnectTcpAsync(daemon.Tcp, Mimiumd.Osc.Transport.OscTcpFraming.Slip);
            try
            {
                reply = await fourth.AskAsync("/mimium/sync", 4);
            }
            catch (IOException)
            {
                await Task.Delay(20);
            }
        }
        Assert.Equal(new OscMessage("/mimium/synced", 4), reply);
        Assert.Equal(new OscMessage("/mimium/synced", 5), await second.AskAsync("/mimium/sync", 5));
    }
}
