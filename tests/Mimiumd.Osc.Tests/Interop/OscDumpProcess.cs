using System.Diagnostics;
using System.Threading.Channels;
using Mimiumd.Osc.Tests.Support;

namespace Mimiumd.Osc.Tests.Interop;

/// <summary>An oscdump process whose printed lines can be awaited.</summary>
internal sealed class OscDumpProcess : IDisposable
{
    private readonly Process _process;
    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>();

    /// <param name="url">liblo server URL, e.g. "osc.udp://:9000" or "osc.tcp://:9000".</param>
    public OscDumpProcess(string url)
    {
        // -L: line-buffered even though stdout is a pipe, so lines arrive as messages do.
        _process = Liblo.Start("oscdump", "-L", url);
        _ = PumpLinesAsync();
    }

    /// <summary>
    /// Calls <paramref name="send"/> until oscdump prints a line containing <paramref name="marker"/>,
    /// because oscdump cannot tell us when it is ready. Bounded to about ten seconds.
    /// </summary>
    public async Task<string> SendUntilPrintedAsync(Func<Task> send, string marker)
    {
        for (int attempt = 0; attempt < 100; attempt++)
        {
            try
            {
                await send();
            }
            catch (System.Net.Sockets.SocketException)
            {
                // Not listening yet.
            }

            using var wait = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
            try
            {
                while (true)
                {
                    string line = await _lines.Reader.ReadAsync(wait.Token);
                    if (line.Contains(marker, StringComparison.Ordinal))
                    {
                        return line;
                    }
                }
            }
            catch (OperationCanceledException)
            {
                Assert.False(_process.HasExited, $"oscdump exited with {(_process.HasExited ? _process.ExitCode : 0)}");
            }
        }

        throw new TimeoutException($"oscdump never printed {marker}");
    }

    public void Dispose()
    {
        Liblo.StopIfRunning(_process);
        _process.Dispose();
    }

    private async Task PumpLinesAsync()
    {
        using var lifetime = new CancellationTokenSource(Eventually.Timeout * 3);
        try
        {
            while (await _process.StandardOutput.ReadLineAsync(lifetime.Token) is { } line)
            {
                _lines.Writer.TryWrite(line);
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or InvalidOperationException or ObjectDisposedException)
        {
            // Process stopped or test over.
        }
    }
}
