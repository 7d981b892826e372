using System.Net;
using System.Net.Sockets;
using Mimiumd.Osc.Tests.Support;
using Mimiumd.Osc.Transport;

namespace Mimiumd.Osc.Tests.Interop;

/// <summary>Checks against liblo, an independent and widely deployed OSC implementation.</summary>
public class LibloInteropTests
{
    private static readonly OscMessage EveryTypeOscSendSupports = new(
        "/liblo/types",
        42,
        1234567890123L,
        1.5f,
        2.25,
        "hello",
        new OscArgument.Symbol("sym"),
        new OscArgument.Char('x'),
        new OscArgument.Midi(0x01, 0x90, 0x4f, 0x7f),
        true,
        false,
        OscArgument.Nil.Instance,
        OscArgument.Impulse.Instance);

    private static readonly string[] EveryTypeOscSendArguments =
        ["/liblo/types", "ihfdsScmTFNI", "42", "1234567890123", "1.5", "2.25", "hello", "sym", "x", "01904f7f"];

    [LibloFact]
    public async Task Oscsend_encodes_the_spec_example_exactly_as_we_do()
    {
        byte[] liblo = await Liblo.OscSendAsync("-", "/foo", "iisff", "1000", "-1", "hello", "1.234", "5.678");

        Assert.Equal(OscCodec.Encode(new OscMessage("/foo", 1000, -1, "hello", 1.234f, 5.678f)), liblo);
    }

    [LibloFact]
    public async Task Oscsend_encodes_every_type_it_supports_exactly_as_we_do()
    {
        byte[] liblo = await Liblo.OscSendAsync(["-", .. EveryTypeOscSendArguments]);

        Assert.Equal(OscCodec.Encode(EveryTypeOscSendSupports), liblo);
        Assert.True(OscCodec.TryDecode(liblo, out OscPacket? decoded, out _));
        Assert.Equal(EveryTypeOscSendSupports, decoded);
    }

    [LibloFact]
    public async Task Oscsend_over_udp_reaches_our_server()
    {
        var sink = new MessageSink();
        await using var server = new OscUdpServer(sink.HandleAsync);
        IPEndPoint bound = server.Start();

        await Liblo.OscSendAsync(["127.0.0.1", bound.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), .. EveryTypeOscSendArguments]);

        Assert.Equal(EveryTypeOscSendSupports, (await sink.NextAsync()).Message);
        Assert.Equal(0, server.Counters.MalformedDropped);
    }

    [LibloFact]
    public async Task Oscsend_over_tcp_reaches_our_server_with_its_length_prefix_framing()
    {
        var sink = new MessageSink();
        await using var server = new OscTcpServer(sink.HandleAsync);
        IPEndPoint bound = server.Start();

        await Liblo.OscSendAsync($"osc.tcp://127.0.0.1:{bound.Port}", "/liblo/tcp", "is", "7", "seven");

        Assert.Equal(new OscMessage("/liblo/tcp", 7, "seven"), (await sink.NextAsync()).Message);
    }

    [LibloFact]
    public async Task Our_udp_client_reaches_oscdump()
    {
        int port = Liblo.FreePort(SocketType.Dgram);
        using var dump = new OscDumpProcess($"osc.udp://:{port}");
        await using OscClient client = await OscClient.ConnectUdpAsync(new IPEndPoint(IPAddress.Loopback, port));

        string line = await dump.SendUntilPrintedAsync(
            () => client.SendAsync(new OscMessage("/to/oscdump", 7, "text", 0.5f, new OscArgument.Midi(0, 0x90, 60, 100))),
            "/to/oscdump");

        Assert.EndsWith("/to/oscdump isfm 7 \"text\" 0.500000 MIDI [0x00 0x90 0x3c 0x64]", line);
    }

    [LibloFact]
    public async Task Our_udp_client_bundle_reaches_oscdump()
    {
        int port = Liblo.FreePort(SocketType.Dgram);
        using var dump = new OscDumpProcess($"osc.udp://:{port}");
        await using OscClient client = await OscClient.ConnectUdpAsync(new IPEndPoint(IPAddress.Loopback, port));
        var bundle = new OscBundle(OscTimeTag.Immediately, new OscMessage("/in/bundle", 1.0), new OscMessage("/in/bundle/too", "b"));

        string line = await dump.SendUntilPrintedAsync(() => client.SendAsync(bundle), "/in/bundle/too");

        Assert.EndsWith("/in/bundle/too s \"b\"", line);
    }

    [LibloTheory]
    [InlineData(OscTcpFraming.LengthPrefixed)]
    [InlineData(OscTcpFraming.Slip)]
    public async Task Our_tcp_client_reaches_oscdump_in_either_framing(OscTcpFraming framing)
    {
        int port = Liblo.FreePort(SocketType.Stream);
        using var dump = new OscDumpProcess($"osc.tcp://:{port}");
        var endPoint = new IPEndPoint(IPAddress.Loopback, port);
        OscClient? client = null;
        try
        {
            string line = await dump.SendUntilPrintedAsync(
                async () =>
                {
                    client ??= await OscClient.ConnectTcpAsync(endPoint, framing);
                    await client.SendAsync(new OscMessage("/tcp/to/oscdump", 1234567890123L, true));
                },
                "/tcp/to/oscdump");

            Assert.EndsWith("/tcp/to/oscdump hT 1234567890123 #T", line);
        }
        finally
        {
            if (client is not null)
            {
                await client.DisposeAsync();
            }
        }
    }
}
