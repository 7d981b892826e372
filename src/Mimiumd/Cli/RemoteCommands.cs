using System.CommandLine;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Mimiumd.Osc;
using Mimiumd.Osc.Transport;

namespace Mimiumd.Cli;

/// <summary>`send` and `status`: talk to a running daemon over OSC and print its reply.</summary>
public static class RemoteCommands
{
    private static readonly Option<string> Host = new("--host") { Description = "daemon address", DefaultValueFactory = _ => "127.0.0.1" };
    private static readonly Option<int> Port = new("--port") { Description = "daemon OSC port", DefaultValueFactory = _ => 57140 };
    private static readonly Option<double> Timeout = new("--timeout") { Description = "seconds to wait for the reply", DefaultValueFactory = _ => 30 };
    private static readonly Option<string?> Secret = new("--secret") { Description = "shared secret, when the daemon is not on loopback" };

    /// <summary>Code up to this size goes over UDP, larger over TCP (the daemon's default UDP limit).</summary>
    public const int UdpCodeLimit = 16384;

    public static Command Send()
    {
        var file = new Argument<FileInfo>("file") { Description = "the program to push" };
        var cmd = new Command("send", "push a program to a running daemon; exit 0 on /done") { file, Host, Port, Timeout, Secret };
        cmd.SetAction(async (parse, ct) =>
        {
            var f = parse.GetValue(file)!;
            if (!f.Exists)
            {
                Console.Error.WriteLine($"{f.FullName}: error: file not found");
                return 2;
            }
            var source = await File.ReadAllTextAsync(f.FullName, ct).ConfigureAwait(false);
            var args = new List<OscArgument> { source };
            if (parse.GetValue(Secret) is { } secret) args.Add(secret);
            var tcp = System.Text.Encoding.UTF8.GetByteCount(source) > UdpCodeLimit;
            var reply = await AskAsync(parse, new OscMessage("/mimium/code", args), m => m.Address is "/done" or "/fail" && FirstString(m) == "/mimium/code", tcp, ct).ConfigureAwait(false);
            if (reply is null) return 2;
            if (reply.Address == "/done")
            {
                var a = reply.Args;
                Console.WriteLine(a.Count >= 7
                    ? string.Create(CultureInfo.InvariantCulture, $"version {Num(a[1])}: kept {Num(a[2])} state nodes, added {Num(a[3])}, dropped {Num(a[4])}; compile {Num(a[5]):0.0} ms, swap {Num(a[6]):0.0} ms")
                    : reply.ToString());
                return 0;
            }
            Console.Error.WriteLine(reply.Args.Count > 1 && reply.Args[1].TryGetString(out var msg) ? msg : reply.ToString());
            return 1;
        });
        return cmd;
    }

    public static Command Status()
    {
        var cmd = new Command("status", "print a running daemon's status") { Host, Port, Timeout };
        cmd.SetAction(async (parse, ct) =>
        {
            var reply = await AskAsync(parse, new OscMessage("/mimium/status"), m => m.Address == "/mimium/status.reply", tcp: false, ct).ConfigureAwait(false);
            if (reply is null) return 2;
            string[] names = { "transport", "version", "sample rate", "period", "cpu avg %", "cpu peak %", "xruns", "audio device", "output", "uptime s", "malformed packets", "faults", "notify clients" };
            for (var i = 0; i < reply.Args.Count; i++)
            {
                var name = i < names.Length ? names[i] : $"field {i}";
                Console.WriteLine($"{name,-18} {Text(reply.Args[i])}");
            }
            return 0;
        });
        return cmd;
    }

    private static string? FirstString(OscMessage m) => m.Args.Count > 0 && m.Args[0].TryGetString(out var s) ? s : null;

    private static double Num(OscArgument a) => a.TryGetDouble(out var d) ? d : double.NaN;

    private static string Text(OscArgument a) => a.TryGetString(out var s) ? s : a.TryGetDouble(out var d) ? d.ToString("0.###", CultureInfo.InvariantCulture) : a.ToString();

    private static async Task<OscMessage?> AskAsync(ParseResult parse, OscMessage request, Func<OscMessage, bool> isReply, bool tcp, CancellationToken ct)
    {
        var host = parse.GetValue(Host)!;
        var port = parse.GetValue(Port);
        var timeout = TimeSpan.FromSeconds(parse.GetValue(Timeout));
        try
        {
            var addresses = IPAddress.TryParse(host, out var ip) ? new[] { ip } : await Dns.GetHostAddressesAsync(host, ct).ConfigureAwait(false);
            var remote = new IPEndPoint(addresses[0], port);
            await using var client = tcp
                ? await OscClient.ConnectTcpAsync(remote, OscTcpFraming.Slip, cancellationToken: ct).ConfigureAwait(false)
                : await OscClient.ConnectUdpAsync(remote, cancellationToken: ct).ConfigureAwait(false);
            return await client.SendAndWaitAsync(request, isReply, timeout, ct).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            Console.Error.WriteLine($"no answer from {host}:{port} within {timeout.TotalSeconds:0} s (is mimiumd running?)");
        }
        catch (Exception ex) when (ex is SocketException or IOException)
        {
            Console.Error.WriteLine($"cannot reach {host}:{port}: {ex.Message}");
        }
        return null;
    }
}
