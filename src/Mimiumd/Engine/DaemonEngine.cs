using System.Reflection;
using Microsoft.Extensions.Logging;
using Mimium.Compiler;
using Mimium.Compiler.CodeGen;
using Mimium.Engine.Live;
using Mimium.Engine.Parameters;
using Mimium.Runtime.Vm;
using Mimiumd.Hosting;

namespace Mimiumd.Engine;

/// <summary>
/// The daemon's one engine: the live engine and its parameters, with persistence and events.
/// Every control surface (OSC, MIDI transport, file watching) goes through here.
/// </summary>
public sealed class DaemonEngine
{
    private readonly ILogger<DaemonEngine> _logger;
    private readonly ProgramStore _store;
    private int _parametersDirty;

    public DaemonEngine(DaemonOptions options, ILogger<DaemonEngine> logger)
    {
        Options = options;
        _logger = logger;
        _store = new ProgramStore(options.StateDirectory);
        Parameters = new ParameterBank();
        var sampleRate = options.Audio.SampleRate;
        Live = new LiveEngine(new LiveEngineOptions
        {
            SampleRate = sampleRate,
            Parameters = Parameters,
            CrossfadeSamples = options.Audio.CrossfadeMilliseconds * sampleRate / 1000,
            MaxChannels = Math.Max(16, options.Audio.Channels),
            MaxBlockFrames = Math.Max(4096, options.Audio.PeriodFrames),
            Compilation = new CompilationOptions
            {
                SelfMode = options.Engine.SelfInit0 ? SelfMode.ZeroAtInit : SelfMode.SimpleState,
                LibraryPaths = Cli.LibraryPaths.Resolve(),
                MaxSourceLength = options.Osc.MaxCodeBytes,
            },
            Vm = new VmOptions
            {
                SampleRate = sampleRate,
                DspCallBudget = options.Engine.DspCallBudget,
                InitCallBudget = options.Engine.InitCallBudget,
                MaxCallDepth = options.Engine.MaxCallDepth,
            },
        });
        Live.TransportChanged += state => Raise(new TransportChanged(state.ToString().ToLowerInvariant()));
    }

    public DaemonOptions Options { get; }
    public LiveEngine Live { get; }
    public ParameterBank Parameters { get; }
    public DateTimeOffset StartedAt { get; } = DateTimeOffset.UtcNow;
    public string? SourcePath { get; private set; }

    /// <summary>Raised on the thread that caused it; handlers must not block.</summary>
    public event Action<DaemonEvent>? Event;

    internal void Raise(DaemonEvent e)
    {
        try
        {
            Event?.Invoke(e);
        }
        catch (Exception ex)
        {
            _logger.LogWarning(ex, "an event handler failed");
        }
    }

    /// <summary>Compiles and swaps in new code; a failure leaves the running program playing.</summary>
    public SwapReport Push(string path, string source)
    {
        var report = Live.Submit(path, source);
        if (report.Accepted)
        {
            SourcePath = path;
            _logger.LogInformation("program {Path}: {Summary}", path, report.Summary());
            TrySave(() => _store.SaveProgram(source));
            MarkParametersDirty();
            Raise(new ProgramChanged(report.Version, report.Summary()));
        }
        else
        {
            var error = report.FirstError;
            _logger.LogWarning("program {Path} rejected: {Error}", path, error?.Format() ?? report.Fault);
            Raise(new CompileFailed(error?.Message ?? report.Fault ?? "rejected", error?.Line ?? 0, error?.Column ?? 0));
        }
        return report;
    }

    /// <summary>Sets one leaf of a parameter; false when there is no such parameter.</summary>
    public bool SetParameter(string name, int leaf, double value)
    {
        if (!Parameters.Set(name, leaf, value)) return false;
        MarkParametersDirty();
        return true;
    }

    private void MarkParametersDirty() => Volatile.Write(ref _parametersDirty, 1);

    /// <summary>Writes parameter values if they changed (called periodically and at shutdown).</summary>
    public void FlushParameters()
    {
        if (Interlocked.Exchange(ref _parametersDirty, 0) == 1) TrySave(() => _store.SaveParameters(Parameters.Snapshot()));
    }

    private void TrySave(Action save)
    {
        try
        {
            save();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            _logger.LogWarning("could not save the running state to {Directory}: {Message}", _store.Directory, ex.Message);
        }
    }

    /// <summary>
    /// The first program: the configured one, else the saved one (with its parameter values),
    /// else the embedded default. A program that fails to compile falls through to the next.
    /// </summary>
    public SwapReport StartFirstProgram()
    {
        // Saved parameter values come back whichever program starts: a configured program that
        // declares the same names resumes where the installation was before the power cut.
        var saved = LoadSaved();
        foreach (var (name, values) in saved?.Parameters ?? new Dictionary<string, double[]>())
        {
            if (ParameterBank.IsValidName(name)) Parameters.Register(name, values, out _);
        }
        if (!string.IsNullOrWhiteSpace(Options.Program))
        {
            try
            {
                var report = Push(Path.GetFullPath(Options.Program), File.ReadAllText(Options.Program));
                if (report.Accepted) return report;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                _logger.LogError("cannot read the configured program {Path}: {Message}", Options.Program, ex.Message);
            }
        }
        if (saved is not null)
        {
            var report = Push(Path.Combine(_store.Directory, ProgramStore.ProgramFile), saved.Source);
            if (report.Accepted) return report;
        }
        return Push("<default>", DefaultProgram);
    }

    private ProgramStore.Saved? LoadSaved()
    {
        try
        {
            return _store.Load();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            _logger.LogError("cannot read the saved state in {Directory}: {Message}", _store.Directory, ex.Message);
            return null;
        }
    }

    public static string DefaultProgram
    {
        get
        {
            using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Mimiumd.default.mmm")!;
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd();
        }
    }
}
