using System.Diagnostics;
using Mimium.Compiler;
using Mimium.Runtime.Vm;

namespace Mimium.Engine.Live;

/// <summary>
/// Runs one program at a time and swaps in new code without stopping: compilation, global
/// evaluation, a trial block and the state diff happen on the submitting thread; the audio thread
/// only takes the prepared program from a one-slot mailbox at a block boundary, copies the matched
/// state by the precomputed plan, and carries on. It never waits, locks or allocates.
/// </summary>
public sealed partial class LiveEngine
{
    private const int Free = 0, Audio = 1, Control = 2;

    private LiveEngineOptions _options;
    private readonly object _submitGate = new();
    private readonly float[] _fadeScratch;
    private readonly float[] _emptyInput = new float[1];

    private PendingSwap? _pending;
    private ProgramInstance? _current;
    private ProgramInstance? _retired;
    private ProgramInstance? _fadingOut;
    private int _fadePos;
    private int _owner;
    private int _version;
    private int _appliedVersion;
    private long _appliedAt;

    public LiveEngine(LiveEngineOptions? options = null)
    {
        _options = WithParameters(options ?? new LiveEngineOptions());
        BindProbes();
        WarmUp();
        _fadeScratch = new float[_options.MaxBlockFrames * _options.MaxChannels];
    }

    /// <summary>
    /// Values `probe`/`probeln` saw while rendering, for a control thread to print or log; the
    /// audio thread only enqueues (never console I/O, which locks and blocks).
    /// </summary>
    public Parameters.SpscQueue<double> Probes { get; } = new(4096);

    private IReadOnlyDictionary<string, ExternalFunction> _trialExternals = new Dictionary<string, ExternalFunction>();

    /// <summary>Adds probes that queue instead of printing, and the trial run's silent ones.</summary>
    private void BindProbes()
    {
        var live = new Dictionary<string, ExternalFunction>(_options.Externals);
        var trial = new Dictionary<string, ExternalFunction>(_options.Externals);
        foreach (var name in new[] { "probe", "probeln" })
        {
            if (_options.Externals.ContainsKey(name)) continue;
            live[name] = (vm, frame) => { Probes.TryEnqueue(frame[0]); return true; };
            trial[name] = (vm, frame) => true;
        }
        _options = _options with { Externals = live };
        _trialExternals = trial;
    }

    /// <summary>Adds `Control!` and its read function when the engine has a parameter bank.</summary>
    private static LiveEngineOptions WithParameters(LiveEngineOptions o)
    {
        if (o.Parameters is not { } bank) return o;
        var externals = new Dictionary<string, ExternalFunction>(o.Externals);
        externals[bank.ReadExternal.Key] = bank.ReadExternal.Value;
        return o with
        {
            Compilation = o.Compilation with
            {
                HostMacros = o.Compilation.HostMacros.Append(bank.Macro()).ToList(),
                HostFunctions = o.Compilation.HostFunctions.Append(bank.ReadFunctionType).ToList(),
            },
            Externals = externals,
        };
    }

    private sealed record PendingSwap(ProgramInstance Instance, ProgramInstance? Base, MigrationPlan? Plan, int Version, long SubmittedAt, bool Restart = false);

    public LiveEngineOptions Options => _options;
    /// <summary>The playing program (read from any thread for status; owned by the audio thread).</summary>
    public ProgramInstance? Current => Volatile.Read(ref _current);
    public int Version => Volatile.Read(ref _appliedVersion);
    public string Source => Current?.Program.Source ?? string.Empty;
    /// <summary>The runtime fault that silenced the current program, if any.</summary>
    public VmFault? Fault { get; private set; }
    private long _faultCount;
    public long FaultCount => Interlocked.Read(ref _faultCount);

    /// <summary>
    /// Compiles and prepares <paramref name="source"/> and hands it to the audio thread. Returns once
    /// the new program plays (or was rejected, leaving the old one playing). Thread-safe; callers
    /// are serialised, so plans are always made against the program they will replace.
    /// </summary>
    public SwapReport Submit(string path, string source)
    {
        lock (_submitGate)
        {
            Collect();
            var prepared = Prepare(path, source);
            if (!prepared.Report.Accepted) return prepared.Report;
            Post(prepared);
            WaitUntilApplied(prepared.Version);
            var latency = Stopwatch.GetElapsedTime(prepared.SubmittedAt, Volatile.Read(ref _appliedAt));
            return prepared.Report with
            {
                SwapLatency = latency < TimeSpan.Zero ? TimeSpan.Zero : latency,
                Applied = Version >= prepared.Version,
            };
        }
    }

    /// <summary>A compiled, initialised program with its migration plan, ready to be posted.</summary>
    public sealed record Prepared(SwapReport Report, ProgramInstance? Instance, ProgramInstance? Base, MigrationPlan? Plan, int Version, long SubmittedAt);

    /// <summary>
    /// Everything that happens off the audio thread: compile, trial run, global evaluation of the
    /// real instance and the state diff against the program playing now.
    /// </summary>
    public Prepared Prepare(string path, string source)
    {
        var mark = _options.Parameters?.Mark() ?? 0;
        var prepared = PrepareCore(path, source);
        // Parameters a rejected program declared must not constrain or outlive it.
        if (!prepared.Report.Accepted) _options.Parameters?.Rollback(mark);
        return prepared;
    }

    private Prepared PrepareCore(string path, string source)
    {
        var submitted = Stopwatch.GetTimestamp();
        var compile = Compilation.CompileSource(path, source, _options.Compilation);
        var compileTime = Stopwatch.GetElapsedTime(submitted);
        if (!compile.Success || compile.Program is null)
            return Rejected(new SwapReport { Accepted = false, Version = Version, Diagnostics = compile.Diagnostics, CompileTime = compileTime });

        var prepareStart = Stopwatch.GetTimestamp();
        var vmOptions = _options.Vm with { SampleRate = _options.SampleRate };
        var trial = new ProgramInstance(compile.Program, vmOptions, _trialExternals);
        var fault = Trial(trial);
        if (fault is not null)
            return Rejected(new SwapReport { Accepted = false, Version = Version, Diagnostics = compile.Diagnostics, Fault = fault.ToString(), CompileTime = compileTime });

        var fresh = new ProgramInstance(compile.Program, vmOptions, _options.Externals);
        fresh.Initialize();
        // Room for whatever dsp makes per sample (closures, their state), measured on the trial run.
        fresh.Vm.ReserveHeap(Math.Max(trial.Vm.HeapHighWater * 2, trial.Vm.HeapHighWater + (1 << 16)));
        fresh.Vm.HeapFrozen = true;
        var old = Current;
        var plan = old is null ? null : MigrationPlanner.Plan(old, fresh);
        var version = Interlocked.Increment(ref _version);
        var report = new SwapReport
        {
            Accepted = true,
            Version = version,
            Diagnostics = compile.Diagnostics,
            Migration = plan?.Stats ?? default,
            CompileTime = compileTime,
            PrepareTime = Stopwatch.GetElapsedTime(prepareStart),
        };
        return new Prepared(report, fresh, old, plan, version, submitted);
    }

    private static Prepared Rejected(SwapReport report) => new(report, null, null, null, report.Version, 0);

    /// <summary>Puts a prepared program in the mailbox; the next block starts it.</summary>
    public void Post(Prepared prepared)
    {
        if (prepared.Instance is null) throw new ArgumentException("the program was rejected", nameof(prepared));
        Volatile.Write(ref _pending, new PendingSwap(prepared.Instance, prepared.Base, prepared.Plan, prepared.Version, prepared.SubmittedAt));
    }

    /// <summary>Global evaluation plus one block on a throw-away instance.</summary>
    private VmFault? Trial(ProgramInstance trial)
    {
        if (!trial.Initialize()) return trial.Fault;
        var channels = Math.Max(1, trial.OutputChannels);
        var frames = Math.Max(1, _options.TrialFrames);
        var output = new float[frames * channels];
        var input = new float[Math.Max(1, frames * trial.InputChannels)];
        return trial.Render(input, trial.InputChannels, output, channels, frames) ? null : trial.Fault;
    }

    private void WaitUntilApplied(int version)
    {
        // The very first program has nothing to take over from: start it at once if no block is
        // being rendered, rather than waiting for an audio thread that may not run yet.
        if (Current is null && TryApplyAsControl() && Version >= version) return;
        var deadline = Stopwatch.GetTimestamp() + (long)(_options.ApplyWait.TotalSeconds * Stopwatch.Frequency);
        var spinner = new SpinWait();
        while (Version < version && Stopwatch.GetTimestamp() < deadline)
        {
            if (spinner.NextSpinWillYield) Thread.Sleep(1);
            else spinner.SpinOnce();
        }
        // Nobody is rendering (no device, stopped transport): apply it here, holding the engine
        // token so a block that starts meanwhile plays silence instead of racing us.
        if (Version < version) TryApplyAsControl();
    }

    private bool TryApplyAsControl()
    {
        if (Interlocked.CompareExchange(ref _owner, Control, Free) != Free) return false;
        try { ApplyPending(); }
        finally { Volatile.Write(ref _owner, Free); }
        return true;
    }

    /// <summary>
    /// Compiles, on this (control) thread, the code the audio thread runs only at its first swap
    /// or fade, so that first time does not pay for the JIT.
    /// </summary>
    private static void WarmUp()
    {
        const System.Reflection.BindingFlags Any = System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.Static
            | System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.NonPublic;
        foreach (var (type, name) in new[] { (typeof(MigrationPlan), "Apply"), (typeof(MigrationPlan), "ResizeDelay"), (typeof(LiveEngine), "ApplyPending"), (typeof(LiveEngine), "MixFadeOut") })
        {
            foreach (var m in type.GetMethods(Any).Where(m => m.Name == name))
                System.Runtime.CompilerServices.RuntimeHelpers.PrepareMethod(m.MethodHandle);
        }
    }

    /// <summary>Drops programs the audio thread retired (off the audio thread).</summary>
    public void Collect() => Interlocked.Exchange(ref _retired, null);

    /// <summary>Takes a prepared program from the mailbox and starts it with the old one's state.</summary>
    private void ApplyPending()
    {
        var pending = Interlocked.Exchange(ref _pending, null);
        if (pending is null) return;
        var old = _current;
        if (pending.Restart)
        {
            // A restart starts from silence: any fade of an older program ends here.
            pending.Instance.Vm.Now = 0;
            if (_fadingOut is not null) Volatile.Write(ref _retired, _fadingOut);
            _fadingOut = null;
        }
        else if (old is not null && pending.Plan is not null && ReferenceEquals(old, pending.Base))
        {
            pending.Plan.Apply(old.Vm.HeapArray, pending.Instance.Vm.HeapArray);
            pending.Instance.Vm.Now = old.Vm.Now;
            if (_options.CrossfadeSamples > 0 && pending.Plan.Stats.KeptWords == 0 && old.Program.DspSkeleton.Size > 0 && Fault is null)
            {
                _fadingOut = old;
                _fadePos = 0;
            }
        }
        else if (old is not null)
        {
            pending.Instance.Vm.Now = old.Vm.Now;
        }
        if (!ReferenceEquals(_fadingOut, old)) Volatile.Write(ref _retired, old);
        Fault = null;
        Volatile.Write(ref _current, pending.Instance);
        Volatile.Write(ref _appliedAt, Stopwatch.GetTimestamp());
        Volatile.Write(ref _appliedVersion, pending.Version);
    }
}
