using System.Runtime.CompilerServices;

namespace Mimium.Runtime.Vm;

/// <summary>What compiled (JIT) code calls back into: the same operations the interpreter does.</summary>
public sealed partial class VirtualMachine
{
    internal double[] StackArray => _stack;
    internal double[] HeapRef => _heap;
    internal double[] GlobalArray => _globals;
    internal double NowValue => Now;

    internal void Leave() => _depth--;

    internal bool JitCallExt(int ext, int at, int argWords, int fn, int pc)
    {
        var f = _externals[ext];
        if (f is null)
        {
            _depth--;
            return Raise(VmFaultKind.ExternalFailed, $"external function '{_program.Externals[ext]}' is not available in this host", fn, pc);
        }
        if (!f(this, _stack.AsSpan(at, Math.Max(argWords, 8))))
        {
            _depth--;
            return Fault is null ? Raise(VmFaultKind.ExternalFailed, $"external function '{_program.Externals[ext]}' failed", fn, pc) : false;
        }
        return true;
    }

    internal bool JitClosure(int proto, int closure, int bp, int dest, int fn, int pc)
    {
        var h = NewClosure(proto, closure, bp);
        if (h < 0)
        {
            _depth--;
            return Raise(VmFaultKind.HeapExhausted, "too many closures or too much closure state", fn, pc);
        }
        _stack[dest] = h;
        return true;
    }

    /// <summary>CALLCLS: the closure's function on the closure's own state storage.</summary>
    internal bool JitCallClosure(int at)
    {
        var h = (int)_stack[at];
        return Invoke(_closureFn[h], h, at + 1, _closureState[h]);
    }

    internal void JitGetUpvalue(int closure, int index, int dest, int width) => ReadUpvalue(closure, index, _stack, dest, width);

    internal void JitSetUpvalue(int closure, int index, int src, int width) => WriteUpvalue(closure, index, _stack, src, width);

    internal void JitClose(int from) => CloseFrom(from);

    internal bool JitCheckClosure(int src, int fn, int pc)
    {
        if (!_inDsp || (int)_stack[src] < _transientMarks.Closures) return true;
        _depth--;
        return Raise(VmFaultKind.ClosureEscaped, ClosureEscapedMessage, fn, pc);
    }

    internal void JitReturn(int bp)
    {
        if (_openCount > 0) CloseFrom(bp);
        _depth--;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static double Min(double a, double b) => MinIgnoringNaN(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static double Max(double a, double b) => MaxIgnoringNaN(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static double RoundAway(double a) => Math.Round(a, MidpointRounding.AwayFromZero);

    internal static double Eq(double a, double b) => a == b ? 1.0 : 0.0;
    internal static double Ne(double a, double b) => a != b ? 1.0 : 0.0;
    internal static double Lt(double a, double b) => a < b ? 1.0 : 0.0;
    internal static double Le(double a, double b) => a <= b ? 1.0 : 0.0;
    internal static double Gt(double a, double b) => a > b ? 1.0 : 0.0;
    internal static double Ge(double a, double b) => a >= b ? 1.0 : 0.0;
    internal static double And(double a, double b) => a > 0 && b > 0 ? 1.0 : 0.0;
    internal static double Or(double a, double b) => a > 0 || b > 0 ? 1.0 : 0.0;
    internal static double Not(double a) => a == 0 ? 1.0 : 0.0;
}
