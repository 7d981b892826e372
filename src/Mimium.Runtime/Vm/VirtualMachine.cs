using Mimium.Runtime.Bytecode;

namespace Mimium.Runtime.Vm;

/// <summary>
/// Runs one <see cref="CompiledProgram"/>. All storage is allocated up front: registers, the
/// closure table, upvalue cells and one flat state heap whose first words are dsp's state tree
/// and whose remainder holds the per-closure state of closures. Closures made during a dsp call
/// live in a transient region that is reset after the call, so steady-state audio allocates nothing.
/// </summary>
public sealed partial class VirtualMachine
{
    private readonly CompiledProgram _program;
    private readonly FunctionProto[] _functions;
    private readonly double[] _constants;
    private readonly ExternalFunction?[] _externals;
    private readonly double[] _stack;
    private readonly double[] _globals;

    // Closures: function, first upvalue reference, state offset in the heap.
    private readonly int[] _closureFn;
    private readonly int[] _closureUpStart;
    private readonly int[] _closureState;
    private int _closureCount;

    // Upvalue references held by closures (indices into the cell table).
    private readonly int[] _upvalueRefs;
    private int _upvalueRefCount;

    // Upvalue cells: open cells point into the stack, closed ones into the heap.
    private readonly int[] _cellStack;
    private readonly int[] _cellHeap;
    private readonly int[] _cellWidth;
    private int _cellCount;
    private readonly int[] _openCells;
    private int _openCount;

    // State heap: dsp's state at [0, dspStateSize), then closure states and closed upvalues.
    private double[] _heap;
    private int _heapTop;

    private readonly int _initState;
    private readonly Jit.JitFunction?[]? _jitted;
    private bool _inDsp;
    private int _depth;
    private long _callsLeft;
    private Marks _transientMarks;

    public VirtualMachine(CompiledProgram program, VmOptions? options = null, IReadOnlyDictionary<string, ExternalFunction>? externals = null)
    {
        _program = program;
        Options = options ?? new VmOptions();
        _functions = program.Functions.ToArray();
        _constants = program.Constants.ToArray();
        _externals = new ExternalFunction?[program.Externals.Length];
        for (var i = 0; i < _externals.Length; i++)
        {
            ExternalFunction? f = null;
            externals?.TryGetValue(program.Externals[i], out f);
            _externals[i] = f ?? Builtins.Find(program.Externals[i]);
        }
        _stack = new double[Options.StackWords];
        _globals = new double[Math.Max(1, program.GlobalWords)];
        _closureFn = new int[Options.MaxClosures];
        _closureUpStart = new int[Options.MaxClosures];
        _closureState = new int[Options.MaxClosures];
        _upvalueRefs = new int[Options.MaxUpvalues];
        _cellStack = new int[Options.MaxUpvalues];
        _cellHeap = new int[Options.MaxUpvalues];
        _cellWidth = new int[Options.MaxUpvalues];
        _openCells = new int[Options.MaxUpvalues];
        DspStateSize = program.DspSkeleton.Size;
        _heap = new double[Math.Max(DspStateSize + 1024, Math.Min(Options.HeapWords, 1 << 16))];
        // Stateful calls made by the global evaluation get their own region after dsp's.
        _initState = DspStateSize;
        _heapTop = DspStateSize + _functions[program.GlobalInit].StateSize;
        if (_heapTop > _heap.Length) _heap = new double[_heapTop + 1024];
        SampleRate = Options.SampleRate;
        _transientMarks = CurrentMarks();
        if (Options.Jit) _jitted = Jit.JitCache.For(program);
    }

    public VmOptions Options { get; }
    public CompiledProgram Program => _program;
    public VmFault? Fault { get; private set; }
    /// <summary>Current sample index (`now`).</summary>
    public long Now { get; set; }
    public double SampleRate { get; set; }
    public int DspStateSize { get; }
    /// <summary>Anything a host wants to reach from its external functions.</summary>
    public object? HostContext { get; set; }
    public TextWriter Output { get; set; } = Console.Out;

    /// <summary>The dsp state tree's storage (the first DspStateSize words of the heap).</summary>
    public Span<double> DspState => _heap.AsSpan(0, DspStateSize);
    public Span<double> Globals => _globals;
    public ReadOnlySpan<double> Heap => _heap.AsSpan(0, _heapTop);
    public int ClosureCount => _closureCount;

    /// <summary>
    /// Closures made by the global evaluation, in creation order; they live as long as the
    /// program, so live coding carries their state over.
    /// </summary>
    public int PersistentClosureCount => _transientMarks.Closures;

    /// <summary>
    /// Set for programs the audio thread runs: dsp calls then never grow the heap (they fault
    /// instead). Offline rendering and trial runs leave it off.
    /// </summary>
    public bool HeapFrozen { get; set; }

    /// <summary>The most heap words ever in use (state, closure state, closed cells).</summary>
    public int HeapHighWater { get; private set; }

    /// <summary>
    /// Grows the heap ahead of time (on a control thread), so closures made per sample in dsp never
    /// make the audio thread resize it; a trial run tells how much a program needs.
    /// </summary>
    public void ReserveHeap(int words)
    {
        words = Math.Min(words, Options.HeapWords);
        if (words > _heap.Length) Array.Resize(ref _heap, words);
    }

    /// <summary>The raw state heap; state migration copies between two programs' heaps.</summary>
    public double[] HeapArray => _heap;

    /// <summary>The function and state storage of a closure handle (for state migration).</summary>
    public (int Function, int StateOffset) ClosureInfo(int handle) => (_closureFn[handle], _closureState[handle]);
    public Span<double> ClosureState(int handle) => _heap.AsSpan(_closureState[handle], _functions[_closureFn[handle]].StateSize);

    private readonly record struct Marks(int Closures, int UpvalueRefs, int Cells, int Heap);

    private Marks CurrentMarks() => new(_closureCount, _upvalueRefCount, _cellCount, _heapTop);

    /// <summary>Evaluates the global statements. Closures made here persist for the program's life.</summary>
    public bool RunGlobalInit()
    {
        Fault = null;
        _callsLeft = Options.InitCallBudget;
        _depth = 0;
        var ok = Invoke(_program.GlobalInit, -1, 1, _initState);
        CloseFrom(0);
        _transientMarks = CurrentMarks();
        return ok;
    }

    /// <summary>
    /// Calls dsp once: input words in, output words out. Returns false on a fault (see Fault);
    /// allocation-free.
    /// </summary>
    public bool RunDsp(ReadOnlySpan<double> input, Span<double> output)
    {
        _callsLeft = Options.DspCallBudget;
        _depth = 0;
        var fn = _program.Dsp;
        var closure = -1;
        var statePos = 0;
        if (_program.DspGlobal >= 0)
        {
            closure = (int)_globals[_program.DspGlobal];
            fn = _closureFn[closure];
            statePos = _closureState[closure];
        }
        var proto = _functions[fn];
        // R(0) of the caller holds the callee; args start at R(1).
        input[..Math.Min(input.Length, proto.ParamWords)].CopyTo(_stack.AsSpan(1));
        _inDsp = true;
        var ok = Invoke(fn, closure, 1, statePos);
        _inDsp = false;
        if (ok) _stack.AsSpan(0, Math.Min(output.Length, proto.ResultWords)).CopyTo(output);
        CloseFrom(0);
        ResetTransient();
        return ok;
    }

    /// <summary>Calls a function value (closure handle) with arguments, outside dsp (macro expansion, tests).</summary>
    public bool CallClosure(int handle, ReadOnlySpan<double> args, Span<double> results)
    {
        _callsLeft = Options.InitCallBudget;
        _depth = 0;
        var fn = _closureFn[handle];
        args.CopyTo(_stack.AsSpan(1));
        var ok = Invoke(fn, handle, 1, _closureState[handle]);
        if (ok) _stack.AsSpan(0, results.Length).CopyTo(results);
        CloseFrom(0);
        return ok;
    }

    /// <summary>Calls a global function by index with the dsp state position 0 (macro thunks, tests).</summary>
    public bool CallFunction(int fn, ReadOnlySpan<double> args, Span<double> results)
    {
        _callsLeft = Options.InitCallBudget;
        _depth = 0;
        args.CopyTo(_stack.AsSpan(1));
        // Each such call (a macro splice) gets fresh state storage of its own, so a stateful call
        // inside it cannot overwrite closures or cells of the global evaluation.
        var state = AllocHeap(_functions[fn].StateSize);
        if (state < 0) return Raise(VmFaultKind.HeapExhausted, "out of state memory", fn, 0);
        var ok = Invoke(fn, -1, 1, state);
        if (ok) _stack.AsSpan(0, results.Length).CopyTo(results);
        CloseFrom(0);
        return ok;
    }

    private void ResetTransient()
    {
        var m = _transientMarks;
        if (_closureCount == m.Closures && _heapTop == m.Heap && _cellCount == m.Cells) return;
        _closureCount = m.Closures;
        _upvalueRefCount = m.UpvalueRefs;
        _cellCount = m.Cells;
        _heapTop = m.Heap;
    }

    internal bool Raise(VmFaultKind kind, string message, int fn, int pc)
    {
        var proto = _functions[fn];
        var loc = pc >= 0 && pc < proto.Locations.Length ? proto.Locations[pc] : default;
        Fault = new VmFault(kind, message, proto.Name, loc);
        return false;
    }

    private int AllocHeap(int words)
    {
        var start = _heapTop;
        var end = start + words;
        if (end > _heap.Length)
        {
            // A program on the audio thread never resizes: its heap was reserved ahead from a trial
            // run, and needing more during dsp faults (HeapExhausted) instead of allocating.
            if (end > Options.HeapWords || (_inDsp && HeapFrozen)) return -1;
            // Only global evaluation grows the heap; dsp calls reuse the transient region,
            // which has reached its size after the first sample.
            Array.Resize(ref _heap, Math.Min(Options.HeapWords, Math.Max(end, _heap.Length * 2)));
        }
        _heap.AsSpan(start, words).Clear();
        _heapTop = end;
        if (end > HeapHighWater) HeapHighWater = end;
        return start;
    }
}
