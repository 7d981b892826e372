using System.Diagnostics;
using System.Threading.Channels;

namespace Mimiumd.Tests.EndToEnd.Harness;

/// <summary>liblo's command-line tools (Debian liblo-tools), an OSC implementation nobody here wrote.</summary>
internal static class LibloTools
{
    public const string MissingReason =
        "liblo-tools is not installed (oscsend/oscdump not on PATH); `apt-get install -y liblo-tools` (CI does) to run these tests";

    private static readonly TimeSpan ProcessTimeout = TimeSpan.FromSeconds(10);

    public static bool IsInstalled { get; } = OnPath("oscsend") && OnPath("oscdump");

    private static bool OnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Any(directory => File.Exists(Path.Combine(directory, name)));

    public static Process Start(string tool, params string[] arguments)
    {
        var info = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments) info.ArgumentList.Add(argument);
        return Process.Start(info) ?? throw new InvalidOperationException($"could not start {tool}");
    }

    /// <summary>Runs oscsend to completion (bounded) and fails the test on a non-zero exit.</summary>
    public static async Task OscSendAsync(params string[] arguments)
    {
        using var process = Start("oscsend", arguments);
        try
        {
            var stderr = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync().WaitAsync(ProcessTimeout);
            Assert.True(process.ExitCode == 0, $"oscsend {string.Join(' ', arguments)} exited {process.ExitCode}: {await stderr}");
        }
        finally
        {
            Stop(process);
        }
    }

    public static void Stop(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill();
                process.WaitForExit(ProcessTimeout);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }
}

/// <summary>An oscdump process whose printed lines can be awaited.</summary>
internal sealed class OscDump : IDisposable
{
    private readonly Process _process;
    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>();
    private readonly CancellationTokenSource _lifetime = new(TimeSpan.FromSeconds(60));

    public OscDump(int port)
    {
        // -L: line-buffered even though stdout is a pipe.
        _process = LibloTools.Start("oscdump", "-L", $"osc.udp://:{port}");
        _ = PumpAsync();
    }

    /// <summary>
    /// Calls <paramref name="trigger"/> until oscdump prints a line containing <paramref name="marker"/>
    /// (oscdump cannot say when it is listening). At most 50 attempts, 100 ms apart.
    /// </summary>
    public async Task<string> TriggerUntilPrintedAsync(Func<Task> trigger, string marker)
    {
        var seen = new List<string>();
        for (var attempt = 0; attempt < 50; attempt++)
        {
            await trigger();
            using var wait = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
            try
            {
                while (true)
                {
                    var line = await _lines.Reader.ReadAsync(wait.Token);
                    seen.Add(line);
                    if (line.Contains(marker, StringComparison.Ordinal)) return line;
                }
            }
            catch (OperationCanceledException)
            {
                // Only read stderr once oscdump has exited: on a running process that read would block.
                if (_process.HasExited) Assert.Fail($"oscdump exited with {_process.ExitCode}: {_process.StandardError.ReadToEnd()}");
            }
        }
        throw new TimeoutException($"oscdump never printed {marker}; it printed: {string.Join(" | ", seen)}");
    }

    private async Task PumpAsync()
    {
        try
        {
            while (await _process.StandardOutput.ReadLineAsync(_lifetime.Token) is { } line) _lines.Writer.TryWrite(line);
        }
        catch (Exception e) when (e is OperationCanceledException or InvalidOperationException or ObjectDisposedException)
        {
            // Stopped, or the test is over.
        }
    }

    public void Dispose()
    {
        _lifetime.Cancel();
        LibloTools.Stop(_process);
        _process.Dispose();
        _lifetime.Dispose();
    }
}

/// <summary>A fact skipped, with instructions, when liblo-tools is absent.</summary>
public sealed class LibloFactAttribute : FactAttribute
{
    public LibloFactAttribute()
    {
        if (!LibloTools.IsInstalled) Skip = LibloTools.MissingReason;
    }
}
