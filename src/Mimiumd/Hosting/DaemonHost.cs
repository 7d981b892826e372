using System.Runtime;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Mimiumd.Audio;
using Mimiumd.Control;
using Mimiumd.Engine;
using Serilog;

namespace Mimiumd.Hosting;

/// <summary>Builds the generic host for `serve` (OSC + audio) and `run` (audio + file watching).</summary>
public static class DaemonHost
{
    public sealed record Overrides
    {
        public string? ConfigFile { get; init; }
        public string? Bind { get; init; }
        public int? OscPort { get; init; }
        public string? Audio { get; init; }
        public string? StateDirectory { get; init; }
        public string? Program { get; init; }
        public bool Unpaced { get; init; }
        /// <summary>Extra settings (tests), as configuration keys such as "Mimiumd:Osc:Port".</summary>
        public IReadOnlyDictionary<string, string?>? Settings { get; init; }
    }

    /// <summary>Configuration: the JSON file, then MIMIUMD_ environment variables, then options.</summary>
    public static IConfiguration LoadConfiguration(Overrides o)
    {
        var builder = new ConfigurationBuilder();
        var file = o.ConfigFile ?? DefaultConfigFile();
        if (file is not null) builder.AddJsonFile(Path.GetFullPath(file), optional: o.ConfigFile is null, reloadOnChange: false);
        builder.AddEnvironmentVariables("MIMIUMD_");
        var cli = new Dictionary<string, string?>();
        if (o.Bind is not null) cli["Mimiumd:Osc:Bind"] = o.Bind;
        if (o.OscPort is not null) cli["Mimiumd:Osc:Port"] = o.OscPort.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (o.Audio is not null) cli["Mimiumd:Audio:Output"] = o.Audio;
        if (o.StateDirectory is not null) cli["Mimiumd:StateDirectory"] = o.StateDirectory;
        if (o.Program is not null) cli["Mimiumd:Program"] = o.Program;
        if (o.Unpaced) cli["Mimiumd:Audio:Unpaced"] = "true";
        builder.AddInMemoryCollection(cli);
        if (o.Settings is not null) builder.AddInMemoryCollection(o.Settings);
        return builder.Build();
    }

    private static string? DefaultConfigFile()
    {
        foreach (var candidate in new[] { "config/mimiumd.json", Path.Combine(AppContext.BaseDirectory, "config", "mimiumd.json") })
        {
            if (File.Exists(candidate)) return candidate;
        }
        return null;
    }

    public static DaemonOptions BindOptions(IConfiguration configuration)
    {
        var options = new DaemonOptions();
        configuration.GetSection("Mimiumd").Bind(options);
        return options;
    }

    /// <summary>The daemon: engine, audio, OSC, systemd notification.</summary>
    public static IHost BuildServe(Overrides overrides, Action<IServiceCollection>? extra = null)
    {
        var configuration = LoadConfiguration(overrides);
        var options = BindOptions(configuration);
        // OSC starts before audio, so its start-up work is done before the first period is due.
        var builder = CreateBuilder(configuration, options, beforeAudio: services =>
        {
            services.AddSingleton<OscControlService>();
            services.AddHostedService(sp => sp.GetRequiredService<OscControlService>());
        });
        builder.Services.AddHostedService<SystemdService>();
        extra?.Invoke(builder.Services);
        return builder.Build();
    }

    /// <summary>`run FILE`: engine and audio only; the caller pushes code.</summary>
    public static IHost BuildRun(Overrides overrides)
    {
        var configuration = LoadConfiguration(overrides);
        var options = BindOptions(configuration);
        return CreateBuilder(configuration, options, startFirstProgram: false).Build();
    }

    private static HostApplicationBuilder CreateBuilder(IConfiguration configuration, DaemonOptions options, bool startFirstProgram = true, Action<IServiceCollection>? beforeAudio = null)
    {
        // Collections must not stall the audio thread for long.
        GCSettings.LatencyMode = GCLatencyMode.SustainedLowLatency;
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true, Args = Array.Empty<string>() });
        builder.Configuration.AddConfiguration(configuration);
        builder.Logging.ClearProviders();
        builder.Logging.AddSerilog(Hosting.Logging.Create(configuration), dispose: true);
        builder.Services.Configure<HostOptions>(h => h.ShutdownTimeout = TimeSpan.FromSeconds(8));
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton<DaemonEngine>();
        if (startFirstProgram) builder.Services.AddHostedService<FirstProgramService>();
        beforeAudio?.Invoke(builder.Services);
        builder.Services.AddSingleton<AudioService>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<AudioService>());
        return builder;
    }
}

/// <summary>Compiles the first program before audio starts, so the first period already plays it.</summary>
public sealed class FirstProgramService(DaemonEngine engine) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        engine.StartFirstProgram();
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
