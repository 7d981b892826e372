using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Mimiumd.Audio;
using Mimiumd.Control;
using Mimiumd.Hosting;
using Mimiumd.Osc;
using Mimiumd.Osc.Transport;

namespace Mimiumd.Bench;

/// <summary>
/// Floods a real-time paced daemon (null output) with OSC parameter messages and reports
/// missed deadlines: a period the paced sink could not deliver on time counts as an xrun.
/// </summary>
public static class ParamFlood
{
    public static async Task<int> RunAsync(int messagesPerSecond, double seconds)
    {
        var state = Directory.CreateTempSubdirectory("mimiumd-bench-");
        var program = Path.Combine(state.FullName, "p.mmm");
        await File.WriteAllTextAsync(program, BenchPrograms.Phasor + """

            fn dsp(){
                let g = Control!("gain", 0.1)
                let s = sin(phasor(Control!("freq", 220.0)) * 6.283185307179586) * g
                (s, s)
            }
            """);
        using var host = DaemonHost.BuildServe(new DaemonHost.Overrides
        {
            Settings = new Dictionary<string, string?>
            {
                ["Mimiumd:Osc:Port"] = "0",
                ["Mimiumd:Audio:Output"] = "null",
                ["Mimiumd:Audio:PeriodFrames"] = "256",
                ["Mimiumd:StateDirectory"] = state.FullName,
                ["Mimiumd:Program"] = program,
                ["Logging:MinimumLevel"] = "Warning",
            },
        });
        await host.StartAsync();
        var osc = host.Services.GetRequiredService<OscControlService>();
        var audio = host.Services.GetRequiredService<AudioService>();
        await Task.Delay(500);
        var xrunsBefore = audio.Loop!.Xruns;
        var periodsBefore = audio.Loop.Periods;
        await using var client = await OscClient.ConnectUdpAsync(new IPEndPoint(IPAddress.Loopback, osc.UdpEndPoint!.Port));
        var total = (long)(messagesPerSecond * seconds);
        var sw = Stopwatch.StartNew();
        for (long i = 0; i < total; i++)
        {
            var due = TimeSpan.FromSeconds((double)i / messagesPerSecond);
            var ahead = due - sw.Elapsed;
            if (ahead > TimeSpan.FromMilliseconds(2)) await Task.Delay(ahead);
            await client.SendAsync(new OscMessage("/freq", 200f + (i % 400)));
        }
        var sent = sw.Elapsed;
        await Task.Delay(300);
        var xruns = audio.Loop.Xruns - xrunsBefore;
        var periods = audio.Loop.Periods - periodsBefore;
        var peak = audio.Loop.PeakLoad;
        await host.StopAsync();
        state.Delete(recursive: true);
        Console.WriteLine($"parameter flood: {total} messages in {sent.TotalSeconds:0.0} s ({total / sent.TotalSeconds:0} msg/s) to a paced null output; " +
                          $"{periods} periods rendered, missed deadlines (xruns): {xruns}, peak load {peak * 100:0.0}%");
        return xruns == 0 ? 0 : 1;
    }
}
