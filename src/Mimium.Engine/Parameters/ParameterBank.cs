using System.Collections.Concurrent;
using System.Collections.Immutable;
using Mimium.Compiler.Macros;
using Mimium.Runtime.Vm;
using Mimium.Syntax.Ast;
using Mimium.Syntax.Text;
using Mimium.Types;

namespace Mimium.Engine.Parameters;

/// <summary>
/// Named parameters that programs declare with `Control!("name", init)` (a number or a tuple of
/// numbers). Each leaf gets a slot; names and values outlive code changes, so a new version of a
/// program that keeps a name keeps its value. Writers (any thread) queue changes; the audio
/// thread applies them at the start of a block and the program reads its own copy, lock-free.
/// </summary>
public sealed class ParameterBank
{
    public const string MacroName = "Control";
    public const string ReadFunction = "_mimium_param";

    private readonly ConcurrentDictionary<string, ParameterInfo> _byName = new();
    private readonly object _registerGate = new();
    private readonly double[] _audioValues;
    private readonly double[] _latest;
    private readonly SpscQueue<(int Slot, double Value)> _changes;
    private int _slots;
    private readonly List<string> _registrationOrder = new();

    public ParameterBank(int capacity = 1024, int queueCapacity = 65536)
    {
        _audioValues = new double[capacity];
        _latest = new double[capacity];
        _changes = new SpscQueue<(int, double)>(queueCapacity);
    }

    public sealed record ParameterInfo(string Name, int FirstSlot, int Width);

    public int Capacity => _audioValues.Length;
    public long DroppedChanges => _changes.Dropped;
    public IReadOnlyCollection<ParameterInfo> All => _byName.Values.OrderBy(p => p.FirstSlot).ToList();

    /// <summary>`Control!("name", init)`, for CompilationOptions.HostMacros: init is a number or a tuple of numbers.</summary>
    public HostMacro Macro()
    {
        var a = new TypeVar(int.MaxValue);
        return new HostMacro(MacroName, ImmutableArray.Create<MType>(PrimType.String, a), a, Declare);
    }

    /// <summary>The function generated code calls to read a slot; bind it as an external.</summary>
    public Mimium.Compiler.CodeGen.HostFunction ReadFunctionType =>
        new(ReadFunction, new FunctionMType(ImmutableArray.Create<MType>(PrimType.Float), PrimType.Float));

    public KeyValuePair<string, ExternalFunction> ReadExternal => new(ReadFunction, (vm, frame) =>
    {
        var slot = (int)frame[0];
        frame[0] = (uint)slot < (uint)_audioValues.Length ? _audioValues[slot] : 0.0;
        return true;
    });

    private Expr? Declare(HostMacroCall call)
    {
        var initType = call.Parameters[1].Prune();
        var width = initType switch
        {
            PrimType { Kind: PrimKind.Float } => 1,
            TupleMType t when t.Elements.All(e => e.Prune() is PrimType { Kind: PrimKind.Float }) => t.Elements.Length,
            _ => 0,
        };
        if (width == 0)
        {
            call.Error = $"the initial value must be a number or a tuple of numbers, not {initType}";
            return null;
        }
        var name = call.String(0);
        if (!IsValidName(name))
        {
            call.Error = $"parameter name \"{name}\" must be non-empty and use only letters, digits, '_', '-', '.' and '/'";
            return null;
        }
        var init = call.Words(1).ToArray();
        var info = Register(name, init, out var error);
        if (info is null)
        {
            call.Error = error;
            return null;
        }
        Expr Read(int slot) => new CallExpr(new VarRef(ReadFunction, Span.None), ImmutableArray.Create<Expr>(new NumberLit(slot, Span.None)), Span.None);
        return width == 1
            ? Read(info.FirstSlot)
            : new TupleExpr(Enumerable.Range(0, width).Select(i => Read(info.FirstSlot + i)).ToImmutableArray(), Span.None);
    }

    public static bool IsValidName(string name) =>
        name.Length is > 0 and <= 128 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.' or '/') && !name.StartsWith("mimium", StringComparison.Ordinal);

    /// <summary>Finds or creates a parameter; a new one starts at its initial value.</summary>
    public ParameterInfo? Register(string name, ReadOnlySpan<double> init, out string? error)
    {
        error = null;
        lock (_registerGate)
        {
            if (_byName.TryGetValue(name, out var existing))
            {
                if (existing.Width == init.Length) return existing;
                error = $"parameter \"{name}\" already has {existing.Width} value(s), not {init.Length}";
                return null;
            }
            if (_slots + init.Length > _audioValues.Length)
            {
                error = $"too many parameters (at most {_audioValues.Length} values)";
                return null;
            }
            var info = new ParameterInfo(name, _slots, init.Length);
            for (var i = 0; i < init.Length; i++)
            {
                Volatile.Write(ref _latest[_slots + i], init[i]);
                // Not yet read by any program, so setting it directly cannot race the audio thread.
                _audioValues[_slots + i] = init[i];
            }
            _slots += init.Length;
            _byName[name] = info;
            _registrationOrder.Add(name);
            return info;
        }
    }

    /// <summary>A point to roll back to if the program being compiled is rejected.</summary>
    public int Mark()
    {
        lock (_registerGate) return _registrationOrder.Count;
    }

    /// <summary>
    /// Forgets the names a rejected program declared since <paramref name="mark"/>, so they do
    /// not constrain later programs or get saved (their slots are not reused).
    /// </summary>
    public void Rollback(int mark)
    {
        lock (_registerGate)
        {
            for (var i = _registrationOrder.Count - 1; i >= mark; i--) _byName.TryRemove(_registrationOrder[i], out _);
            _registrationOrder.RemoveRange(mark, _registrationOrder.Count - mark);
        }
    }

    public bool TryGet(string name, out ParameterInfo info) => _byName.TryGetValue(name, out info!);

    /// <summary>Queues a new value for one leaf (0 for a number). False when unknown or out of range.</summary>
    public bool Set(string name, int leaf, double value)
    {
        if (!_byName.TryGetValue(name, out var info) || (uint)leaf >= (uint)info.Width) return false;
        var slot = info.FirstSlot + leaf;
        Volatile.Write(ref _latest[slot], value);
        // Several control threads may set values; they take turns as the queue's one producer.
        // The audio thread, the consumer, never takes this lock.
        lock (_changes) _changes.TryEnqueue((slot, value));
        return true;
    }

    /// <summary>The most recent value set (control side view).</summary>
    public double Latest(string name, int leaf) =>
        _byName.TryGetValue(name, out var info) && (uint)leaf < (uint)info.Width ? Volatile.Read(ref _latest[info.FirstSlot + leaf]) : double.NaN;

    /// <summary>Audio thread, at a block start: makes queued changes visible to programs.</summary>
    public void ApplyPending()
    {
        while (_changes.TryDequeue(out var change)) _audioValues[change.Slot] = change.Value;
    }

    /// <summary>Names and current values, for saving the running state.</summary>
    public Dictionary<string, double[]> Snapshot() =>
        _byName.Values.ToDictionary(p => p.Name, p => Enumerable.Range(0, p.Width).Select(i => Volatile.Read(ref _latest[p.FirstSlot + i])).ToArray());
}
