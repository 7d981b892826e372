using System.Net;
using System.Net.Sockets;

namespace Mimiumd.Tests.Cli;

public class ServeProcessTests
{
    private static int FreePort()
    {
        using var udp = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var port = ((IPEndPoint)udp.Client.LocalEndPoint!).Port;
        using var tcp = new TcpListener(IPAddress.Loopback, port);
        tcp.Start();
        return port;
    }

    /// <summary>Asks a running daemon for its status through the real `mimiumd status`, retrying while it starts.</summary>
    private static string Status(int port)
    {
        for (var attempt = 0; attempt < 40; attempt++)
        {
            using var status = new CliProcess("status", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--timeout", "1");
            if (status.WaitForExit(TimeSpan.FromSeconds(20)) == 0) return status.Output;
            Thread.Sleep(250);
        }
        return "";
    }

    [Fact]
    public void ServeStartsWithoutASoundCardAnswersStatusAndStopsCleanlyOnSigterm()
    {
        var state = Directory.CreateTempSubdirectory("mimiumd-serve-");
        try
        {
            var port = FreePort();
            // No device by that name exists here (nor any sound card on CI machines).
            using var serve = new CliProcess("serve", "--audio", "alsa:hw:CARD=NoSuchCard", "--osc-port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--state-dir", state.FullName);
            var status = Status(port);
            Assert.Contains("transport          playing", status);
            Assert.Matches(@"audio device\s+(missing|failed)", status);
            Assert.Contains("alsa:hw:CARD=NoSuchCard", status);

            serve.Terminate();
            Assert.Equal(0, serve.WaitForExit(TimeSpan.FromSeconds(30)));
            Assert.True(File.Exists(Path.Combine(state.FullName, "program.mmm")), "the running program is saved in the state directory");
        }
        finally
        {
            state.Delete(recursive: true);
        }
    }

    [Fact]
    public void SendExitsZeroOnDoneAndOneOnFailWithTheCaret()
    {
        var state = Directory.CreateTempSubdirectory("mimiumd-send-");
        try
        {
            var port = FreePort();
            var p = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
            using var serve = new CliProcess("serve", "--audio", "null", "--osc-port", p, "--state-dir", state.FullName);
            Assert.NotEqual("", Status(port));

            var good = Path.Combine(state.FullName, "good.mmm");
            File.WriteAllText(good, "fn dsp(){ (0.1, 0.1) }\n");
            using (var send = new CliProcess("send", good, "--port", p))
            {
                Assert.Equal(0, send.WaitForExit(TimeSpan.FromSeconds(30)));
                Assert.Contains("version 2", send.Output);
            }

            var bad = Path.Combine(state.FullName, "bad.mmm");
            File.WriteAllText(bad, "fn dsp(){\n  nothing_here\n}\n");
            using (var send = new CliProcess("send", bad, "--port", p))
            {
                Assert.Equal(1, send.WaitForExit(TimeSpan.FromSeconds(30)));
                Assert.Contains("unbound variable `nothing_here`", send.Error);
                Assert.Contains("^", send.Error);
            }

            using (var none = new CliProcess("send", good, "--port", "9", "--timeout", "1"))
            {
                Assert.Equal(2, none.WaitForExit(TimeSpan.FromSeconds(30)));
            }
            serve.Terminate();
            Assert.Equal(0, serve.WaitForExit(TimeSpan.FromSeconds(30)));
        }
        finally
        {
            state.Delete(recursive: true);
        }
    }
}
