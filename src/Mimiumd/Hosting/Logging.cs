using Microsoft.Extensions.Configuration;
using Serilog;
using Serilog.Events;
using Serilog.Sinks.SystemConsole.Themes;

namespace Mimiumd.Hosting;

/// <summary>
/// Serilog for the host (libraries only see ILogger). Plain, timestamp-free lines when stdout is
/// not a terminal, because journald stamps and colours lines itself.
/// </summary>
public static class Logging
{
    public static Serilog.ILogger Create(IConfiguration configuration)
    {
        var section = configuration.GetSection("Logging");
        var level = Enum.TryParse<LogEventLevel>(section["MinimumLevel"], ignoreCase: true, out var l) ? l : LogEventLevel.Information;
        var config = new LoggerConfiguration()
            .MinimumLevel.Is(level)
            .MinimumLevel.Override("Microsoft", LogEventLevel.Warning)
            .Enrich.FromLogContext();
        if (Console.IsOutputRedirected)
            config.WriteTo.Console(outputTemplate: "{Level:u3} {SourceContext}: {Message:lj}{NewLine}{Exception}", theme: ConsoleTheme.None);
        else
            config.WriteTo.Console(outputTemplate: "{Timestamp:HH:mm:ss} {Level:u3} {Message:lj}{NewLine}{Exception}", theme: AnsiConsoleTheme.Code);
        var path = section["File:Path"];
        if (!string.IsNullOrWhiteSpace(path))
        {
            var retained = int.TryParse(section["File:RetainedFiles"], out var r) ? r : 7;
            config.WriteTo.File(path, rollingInterval: RollingInterval.Day, retainedFileCountLimit: retained,
                outputTemplate: "{Timestamp:yyyy-MM-dd HH:mm:ss.fff} {Level:u3} {SourceContext}: {Message:lj}{NewLine}{Exception}");
        }
        return config.CreateLogger();
    }
}
