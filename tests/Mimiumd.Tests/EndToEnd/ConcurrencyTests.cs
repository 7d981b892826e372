using System.Text;
using Mimiumd.Osc;
using Mimiumd.Tests.EndToEnd.Harness;

namespace Mimiumd.Tests.EndToEnd;

public class ConcurrencyTests
{
    private const string Program = "fn dsp(){ (0.1, 0.1) }\n";

    [Fact]
    public async Task Status_is_answered_while_a_pushed_program_compiles()
    {
        await using var daemon = await TestDaemon.StartAsync(new() { Program = Program });
        var pusher = await daemon.TcpClientAsync(Mimiumd.Osc.Transport.OscTcpFraming.Slip);
        var asker = await daemon.UdpClientAsync();

        // Thousands of stateful calls: long enough to compile that status must not wait for it.
        var big = new StringBuilder("fn ramp(step){ self + step }\nfn dsp(){ 0.0");
        for (var i = 0; i < 6000; i++) big.Append($" + ramp({i}.0) * 0.00001");
        big.Append(" }\n");

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var push = pusher.SendAndWaitAsync(new OscMessage("/mimium/code", big.ToString()),
            m => m.Address is "/done" or "/fail", TimeSpan.FromSeconds(60));
        var pushedAt = push.ContinueWith(_ => clock.Elapsed, TaskScheduler.Default);
        await Task.Delay(20);
        var status = await asker.AskAsync("/mimium/status");
        var statusAt = clock.Elapsed;
        Assert.Equal("/mimium/status.reply", status.Address);
        var done = await push;
        Assert.Equal("/done", done.Address);
        Assert.True(statusAt < await pushedAt, $"status ({statusAt.TotalMilliseconds:0} ms) waited for the push ({(await pushedAt).TotalMilliseconds:0} ms)");
        Assert.Equal(2, daemon.Engine.Live.Version);
    }

    [Fact]
    public async Task Pushes_are_compiled_in_arrival_order()
    {
        await using var daemon = await TestDaemon.StartAsync(new() { Program = Program });
        var client = await daemon.UdpClientAsync();
        for (var i = 1; i <= 5; i++) await client.SendAsync(new OscMessage("/mimium/code", $"fn dsp(){{ ({i}.0 / 10.0, 0.0) }}\n"));
        await Wait.UntilAsync(() => daemon.Engine.Live.Version == 6, "five pushes applied");
        Assert.Equal("fn dsp(){ (5.0 / 10.0, 0.0) }\n", daemon.Engine.Live.Source);
    }
}
