using System.Text;
using Mimiumd.Osc.Transport;
using Mimiumd.Tests.EndToEnd.Harness;

namespace Mimiumd.Tests.EndToEnd;

/// <summary>Mimiumd:Osc:MaxUdpCodeBytes and MaxCodeBytes.</summary>
public class SizeLimitTests
{
    private const int UdpLimit = 2000;

    private static Task<TestDaemon> StartAsync(int? maxCodeBytes = null) => TestDaemon.StartAsync(new()
    {
        Program = "fn dsp(){ (0.25, 0.25) }\n",
        Settings = new Dictionary<string, string?>
        {
            ["Mimiumd:Osc:MaxUdpCodeBytes"] = UdpLimit.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Mimiumd:Osc:MaxCodeBytes"] = maxCodeBytes?.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }.Where(kv => kv.Value is not null).ToDictionary(kv => kv.Key, kv => kv.Value),
    });

    /// <summary>A program of exactly <paramref name="bytes"/> UTF-8 bytes (padded with a comment).</summary>
    private static string ProgramOfSize(int bytes, float level = 0.5f)
    {
        var body = $"fn dsp(){{ ({level.ToString(System.Globalization.CultureInfo.InvariantCulture)}, 0.0) }}\n// ";
        var source = body + new string('x', bytes - body.Length - 1) + "\n";
        Assert.Equal(bytes, Encoding.UTF8.GetByteCount(source));
        return source;
    }

    [Fact]
    public async Task A_udp_push_above_the_limit_is_told_to_use_tcp_and_changes_nothing()
    {
        await using var daemon = await StartAsync();
        var client = await daemon.UdpClientAsync();

        var reply = await client.AskAsync("/mimium/code", ProgramOfSize(UdpLimit + 1000));

        var message = OscAsk.AssertFail(reply, "/mimium/code");
        Assert.StartsWith("too large, use TCP", message);
        Assert.Contains("3000 bytes", message);
        Assert.Equal(1, daemon.Engine.Live.Version);
        Assert.Equal(0.25f, daemon.Tap.Last(0));
    }

    [Fact]
    public async Task The_udp_limit_counts_utf8_bytes_and_is_inclusive()
    {
        await using var daemon = await StartAsync();
        var client = await daemon.UdpClientAsync();

        OscAsk.AssertDone(await client.AskAsync("/mimium/code", ProgramOfSize(UdpLimit, 0.125f)), "/mimium/code");
        Assert.StartsWith("too large, use TCP", OscAsk.AssertFail(await client.AskAsync("/mimium/code", ProgramOfSize(UdpLimit + 1)), "/mimium/code"));
        // Fewer characters than the limit, but more bytes: 'é' is two bytes in UTF-8.
        var accented = "fn dsp(){ (0.5, 0.0) }\n// " + new string('é', 1000) + "\n";
        Assert.True(accented.Length < UdpLimit && Encoding.UTF8.GetByteCount(accented) > UdpLimit);
        Assert.StartsWith("too large, use TCP", OscAsk.AssertFail(await client.AskAsync("/mimium/code", accented), "/mimium/code"));
        Assert.Equal(2, daemon.Engine.Live.Version);
    }

    [Theory]
    [InlineData(OscTcpFraming.Slip)]
    [InlineData(OscTcpFraming.LengthPrefixed)]
    public async Task The_same_program_over_tcp_is_done_in_either_framing(OscTcpFraming framing)
    {
        await using var daemon = await StartAsync();
        var udp = await daemon.UdpClientAsync();
        var tcp = await daemon.TcpClientAsync(framing);
        var source = ProgramOfSize(UdpLimit + 1000);
        OscAsk.AssertFail(await udp.AskAsync("/mimium/code", source), "/mimium/code");

        var reply = await tcp.AskAsync("/mimium/code", source);

        OscAsk.AssertDone(reply, "/mimium/code");
        Assert.Equal(2, reply.Int(1));
        Assert.Equal(source, daemon.Engine.Live.Source);
        await Wait.UntilAsync(() => daemon.Tap.Last(0) == 0.5f, "the program pushed over TCP is heard");
    }

    [Theory]
    [InlineData(OscTcpFraming.Slip)]
    [InlineData(OscTcpFraming.LengthPrefixed)]
    public async Task Tcp_takes_programs_larger_than_any_udp_datagram(OscTcpFraming framing)
    {
        await using var daemon = await StartAsync();
        var tcp = await daemon.TcpClientAsync(framing);
        var source = ProgramOfSize(200_000);

        var reply = await tcp.AskAsync("/mimium/code", source);

        OscAsk.AssertDone(reply, "/mimium/code");
        Assert.Equal(source, daemon.Engine.Live.Source);
    }

    [Fact]
    public async Task A_tcp_push_above_MaxCodeBytes_fails_as_too_large()
    {
        await using var daemon = await StartAsync(maxCodeBytes: 5000);
        var tcp = await daemon.TcpClientAsync(OscTcpFraming.Slip);

        var message = OscAsk.AssertFail(await tcp.AskAsync("/mimium/code", ProgramOfSize(6000)), "/mimium/code");

        Assert.StartsWith("too large", message);
        Assert.DoesNotContain("use TCP", message);
        Assert.Equal(1, daemon.Engine.Live.Version);
        OscAsk.AssertDone(await tcp.AskAsync("/mimium/code", ProgramOfSize(5000)), "/mimium/code");
    }
}
