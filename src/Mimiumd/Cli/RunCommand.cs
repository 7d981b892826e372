using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Mimiumd.Engine;
using Mimiumd.Hosting;

namespace Mimiumd.Cli;

/// <summary>
/// `mimiumd run FILE [--watch]`: plays a file on the audio output and, with --watch, recompiles
/// it on every save, swapping with its state carried over, like mimium's own CLI.
/// </summary>
public static class RunCommand
{
    public static Command Build()
    {
        var file = new Argument<FileInfo>("file") { Description = "the mimium program (.mmm)" };
        var watch = new Option<bool>("--watch", "-w") { Description = "recompile and swap on every save" };
        var cmd = new Command("run", "play a file on the audio output") { file, watch, ServeCommand.Audio, ServeCommand.Config, ServeCommand.Unpaced };
        cmd.SetAction(async (parse, ct) => await RunAsync(parse.GetValue(file)!, parse.GetValue(watch), parse, ct).ConfigureAwait(false));
        return cmd;
    }

    private static async Task<int> RunAsync(FileInfo file, bool watch, ParseResult parse, CancellationToken ct)
    {
        if (!file.Exists)
        {
            Console.Error.WriteLine($"{file.FullName}: error: file not found");
            return 2;
        }
        var o = ServeCommand.OverridesFrom(parse) with { StateDirectory = Path.Combine(Path.GetTempPath(), "mimiumd-run") };
        using var host = DaemonHost.BuildRun(o);
        var engine = host.Services.GetRequiredService<DaemonEngine>();
        var first = engine.Push(file.FullName, await File.ReadAllTextAsync(file.FullName, ct).ConfigureAwait(false));
        Print(first);
        if (!first.Accepted && !watch) return 1;
        await host.StartAsync(ct).ConfigureAwait(false);
        using var watcher = watch ? Watch(file, engine) : null;
        Console.WriteLine(watch ? $"playing {file.Name}; watching for changes (Ctrl+C to stop)" : $"playing {file.Name} (Ctrl+C to stop)");
        await host.WaitForShutdownAsync(ct).ConfigureAwait(false);
        return 0;
    }

    private static void Print(Mimium.Engine.Live.SwapReport report)
    {
        if (report.Accepted) Console.WriteLine(report.Summary());
        else
        {
            foreach (var d in report.Diagnostics) Console.Error.WriteLine(d.Format());
            if (report.Fault is not null) Console.Error.WriteLine(report.Fault);
            Console.Error.WriteLine($"rejected; version {report.Version} keeps playing");
        }
    }

    /// <summary>Editors save in bursts (truncate, write, rename); changes settle for 100 ms first.</summary>
    private static FileSystemWatcher Watch(FileInfo file, DaemonEngine engine)
    {
        var watcher = new FileSystemWatcher(file.DirectoryName!, file.Name) { NotifyFilter = NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.FileName };
        Timer? debounce = null;
        var gate = new object();
        void Changed(object? _, FileSystemEventArgs __)
        {
            lock (gate)
            {
                debounce?.Dispose();
                debounce = new Timer(_ => Reload(), null, 100, Timeout.Infinite);
            }
        }
        void Reload()
        {
            try
            {
                Print(engine.Push(file.FullName, File.ReadAllText(file.FullName)));
            }
            catch (IOException ex)
            {
                Console.Error.WriteLine($"cannot read {file.Name}: {ex.Message}");
            }
        }
        watcher.Changed += Changed;
        watcher.Created += Changed;
        watcher.Renamed += (s, e) => Changed(s, e);
        watcher.EnableRaisingEvents = true;
        return watcher;
    }
}
