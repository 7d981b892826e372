using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Mimium.Runtime.Bytecode;

namespace Mimium.Runtime.Vm;

public sealed partial class VirtualMachine
{
    /// <summary>
    /// Interprets one activation. Results are written to the register just below the frame
    /// (where the caller kept the callee), so CALL's R(A) receives them.
    /// </summary>
    internal const string ClosureEscapedMessage =
        "a closure made inside dsp cannot be kept in a global or a captured variable: it only lives for one sample (make it in the global section instead)";

    /// <summary>Runs a function: its JIT-compiled form when there is one, else the interpreter.</summary>
    internal bool Invoke(int fn, int closure, int bp, int sp)
    {
        var compiled = _jitted?[fn];
        return compiled is not null ? compiled(this, bp, sp, closure) : Execute(fn, closure, bp, sp);
    }

    /// <summary>
    /// The checks every activation makes, interpreted or compiled: depth, frame room, the native
    /// stack, and the call budget. On failure the fault is raised and the depth restored.
    /// </summary>
    internal bool Enter(int fn, int bp)
    {
        var proto = _functions[fn];
        // The interpreter recurses on the native stack; probing it every 8 levels (far less than
        // the probe's guaranteed headroom) turns a too-small thread stack into a fault, not a crash.
        if (++_depth > Options.MaxCallDepth || bp + proto.FrameSize + 1 >= _stack.Length
            || ((_depth & 7) == 0 && !RuntimeHelpers.TryEnsureSufficientExecutionStack()))
        {
            _depth--;
            return Raise(VmFaultKind.StackOverflow, $"stack overflow at call depth {_depth} (limit {Options.MaxCallDepth}; unbounded recursion?)", fn, 0);
        }
        if (--_callsLeft < 0)
        {
            _depth--;
            return Raise(VmFaultKind.CallBudgetExceeded, "evaluation exceeded its step budget (runaway recursion?)", fn, 0);
        }
        return true;
    }

    /// <summary>
    /// Interprets one activation. Results are written to the register just below the frame
    /// (where the caller kept the callee), so CALL's R(A) receives them.
    /// </summary>
    private bool Execute(int fn, int closure, int bp, int sp)
    {
        if (!Enter(fn, bp)) return false;
        var proto = _functions[fn];
        var code = proto.Code;
        var r = _stack;
        var heap = _heap;
        // The frame check above bounds every register index the compiler emits (< FrameSize),
        // so the hot path reads registers and constants without per-access bounds checks.
        ref var fr = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(r), bp);
        ref var kc = ref MemoryMarshal.GetArrayDataReference(_constants);
        ref var ip = ref MemoryMarshal.GetArrayDataReference(code);
        var pc = 0;
        while (true)
        {
            var ins = Unsafe.Add(ref ip, pc);
            switch (ins.Op)
            {
                case OpCode.Move: Unsafe.Add(ref fr, ins.A) = Unsafe.Add(ref fr, ins.B); break;
                case OpCode.MoveN: Array.Copy(r, bp + ins.B, r, bp + ins.A, ins.C); break;
                case OpCode.MoveConst: Unsafe.Add(ref fr, ins.A) = Unsafe.Add(ref kc, ins.B); break;
                case OpCode.GetGlobal:
                    if (ins.C == 1) Unsafe.Add(ref fr, ins.A) = _globals[ins.B];
                    else Array.Copy(_globals, ins.B, r, bp + ins.A, ins.C);
                    break;
                case OpCode.SetGlobal:
                    if (ins.C == 1) _globals[ins.B] = Unsafe.Add(ref fr, ins.A);
                    else Array.Copy(r, bp + ins.A, _globals, ins.B, ins.C);
                    break;
                case OpCode.CheckCls:
                    if (_inDsp && (int)Unsafe.Add(ref fr, ins.A) >= _transientMarks.Closures)
                    {
                        _depth--;
                        return Raise(VmFaultKind.ClosureEscaped, ClosureEscapedMessage, fn, pc);
                    }
                    break;
                case OpCode.GetUpvalue: ReadUpvalue(closure, ins.B, r, bp + ins.A, ins.C); break;
                case OpCode.SetUpvalue: WriteUpvalue(closure, ins.B, r, bp + ins.A, ins.C); break;
                case OpCode.GetState:
                    if (ins.B == 1) Unsafe.Add(ref fr, ins.A) = heap[sp];
                    else Array.Copy(heap, sp, r, bp + ins.A, ins.B);
                    break;
                case OpCode.SetState:
                    if (ins.B == 1) heap[sp] = Unsafe.Add(ref fr, ins.A);
                    else Array.Copy(r, bp + ins.A, heap, sp, ins.B);
                    break;
                case OpCode.ShiftState: sp += ins.A; break;
                case OpCode.Delay: Unsafe.Add(ref fr, ins.A) = RingDelay(heap, sp, ins.C, Unsafe.Add(ref fr, ins.B), Unsafe.Add(ref fr, ins.B + 1)); break;
                case OpCode.Mem:
                {
                    var prev = heap[sp];
                    heap[sp] = Unsafe.Add(ref fr, ins.B);
                    Unsafe.Add(ref fr, ins.A) = prev;
                    break;
                }
                case OpCode.Jmp: pc += ins.A; break;
                case OpCode.JmpIfNeg:
                    if (Unsafe.Add(ref fr, ins.A) <= 0) pc += ins.B;
                    break;
                case OpCode.Call:
                    if (!Invoke((int)Unsafe.Add(ref fr, ins.A), -1, bp + ins.A + 1, sp)) { _depth--; return false; }
                    heap = _heap;
                    break;
                case OpCode.CallCls:
                {
                    var h = (int)Unsafe.Add(ref fr, ins.A);
                    if (!Invoke(_closureFn[h], h, bp + ins.A + 1, _closureState[h])) { _depth--; return false; }
                    heap = _heap;
                    break;
                }
                case OpCode.CallExt:
                {
                    var ext = _externals[ins.C];
                    if (ext is null)
                    {
                        _depth--;
                        return Raise(VmFaultKind.ExternalFailed, $"external function '{_program.Externals[ins.C]}' is not available in this host", fn, pc);
                    }
                    var frameWords = Math.Max(ins.B, 8);
                    if (!ext(this, r.AsSpan(bp + ins.A, frameWords)))
                    {
                        _depth--;
                        return Fault is null ? Raise(VmFaultKind.ExternalFailed, $"external function '{_program.Externals[ins.C]}' failed", fn, pc) : false;
                    }
                    heap = _heap;
                    break;
                }
                case OpCode.Closure:
                {
                    var h = NewClosure(ins.B, closure, bp);
                    if (h < 0) { _depth--; return Raise(VmFaultKind.HeapExhausted, "too many closures or too much closure state", fn, pc); }
                    Unsafe.Add(ref fr, ins.A) = h;
                    heap = _heap;
                    break;
                }
                case OpCode.Close:
                    CloseFrom(bp + ins.A);
                    heap = _heap;
                    break;
                case OpCode.Return:
                    if (ins.B == 1) r[bp - 1] = Unsafe.Add(ref fr, ins.A);
                    else Array.Copy(r, bp + ins.A, r, bp - 1, ins.B);
                    if (_openCount > 0) CloseFrom(bp);
                    _depth--;
                    return true;
                case OpCode.Now: Unsafe.Add(ref fr, ins.A) = Now; break;
                case OpCode.SampleRate: Unsafe.Add(ref fr, ins.A) = SampleRate; break;
                case OpCode.AddF: Unsafe.Add(ref fr, ins.A) = Unsafe.Add(ref fr, ins.B) + Unsafe.Add(ref fr, ins.C); break;
                case OpCode.SubF: Unsafe.Add(ref fr, ins.A) = Unsafe.Add(ref fr, ins.B) - Unsafe.Add(ref fr, ins.C); break;
                case OpCode.AddFK: Unsafe.Add(ref fr, ins.A) = Unsafe.Add(ref fr, ins.B) + Unsafe.Add(ref kc, ins.C); break;
                case OpCode.SubFK: Unsafe.Add(ref fr, ins.A) = Unsafe.Add(ref fr, ins.B) - Unsafe.Add(ref kc, ins.C); break;
                case OpCode.MulFK: Unsafe.Add(ref fr, ins.A) = Unsafe.Add(ref fr, ins.B) * Unsafe.Add(ref kc, ins.C); break;
                case OpCode.DivFK: Unsafe.Add(ref fr, ins.A) = Unsafe.Add(ref fr, ins.B) / Unsafe.Add(ref kc, ins.C); break;
                case OpCode.KSubF: Unsafe.Add(ref fr, ins.A) = Unsafe.Add(ref kc, ins.B) - Unsafe.Add(ref fr, ins.C); break;
                case OpCode.KDivF: Unsafe.Add(ref fr, ins.A) = Unsafe.Add(ref kc, ins.B) / Unsafe.Add(ref fr, ins.C); break;
                case OpCode.MulF: Unsafe.Add(ref fr, ins.A) = Unsafe.Add(ref fr, ins.B) * Unsafe.Add(ref fr, ins.C); break;
                case OpCode.DivF: Unsafe.Add(ref fr, ins.A) = Unsafe.Add(ref fr, ins.B) / Unsafe.Add(ref fr, ins.C); break;
                case OpCode.ModF: Unsafe.Add(ref fr, ins.A) = Unsafe.Add(ref fr, ins.B) % Unsafe.Add(ref fr, ins.C); break;
                case OpCode.PowF: Unsafe.Add(ref fr, ins.A) = Math.Pow(Unsafe.Add(ref fr, ins.B), Unsafe.Add(ref fr, ins.C)); break;
                case OpCode.MinF: Unsafe.Add(ref fr, ins.A) = MinIgnoringNaN(Unsafe.Add(ref fr, ins.B), Unsafe.Add(ref fr, ins.C)); break;
                case OpCode.MaxF: Unsafe.Add(ref fr, ins.A) = MaxIgnoringNaN(Unsafe.Add(ref fr, ins.B), Unsafe.Add(ref fr, ins.C)); break;
                case OpCode.Atan2F: Unsafe.Add(ref fr, ins.A) = Math.Atan2(Unsafe.Add(ref fr, ins.B), Unsafe.Add(ref fr, ins.C)); break;
                case OpCode.EqF: Unsafe.Add(ref fr, ins.A) = Unsafe.Add(ref fr, ins.B) == Unsafe.Add(ref fr, ins.C) ? 1.0 : 0.0; break;
                case OpCode.NeF: Unsafe.Add(ref fr, ins.A) = Unsafe.Add(ref fr, ins.B) != Unsafe.Add(ref fr, ins.C) ? 1.0 : 0.0; break;
                case OpCode.LtF: Unsafe.Add(ref fr, ins.A) = Unsafe.Add(ref fr, ins.B) < Unsafe.Add(ref fr, ins.C) ? 1.0 : 0.0; break;
                case OpCode.LeF: Unsafe.Add(ref fr, ins.A) = Unsafe.Add(ref fr, ins.B) <= Unsafe.Add(ref fr, ins.C) ? 1.0 : 0.0; break;
                case OpCode.GtF: Unsafe.Add(ref fr, ins.A) = Unsafe.Add(ref fr, ins.B) > Unsafe.Add(ref fr, ins.C) ? 1.0 : 0.0; break;
                case OpCode.GeF: Unsafe.Add(ref fr, ins.A) = Unsafe.Add(ref fr, ins.B) >= Unsafe.Add(ref fr, ins.C) ? 1.0 : 0.0; break;
                case OpCode.AndF: Unsafe.Add(ref fr, ins.A) = Unsafe.Add(ref fr, ins.B) > 0 && Unsafe.Add(ref fr, ins.C) > 0 ? 1.0 : 0.0; break;
                case OpCode.OrF: Unsafe.Add(ref fr, ins.A) = Unsafe.Add(ref fr, ins.B) > 0 || Unsafe.Add(ref fr, ins.C) > 0 ? 1.0 : 0.0; break;
                case OpCode.NegF: Unsafe.Add(ref fr, ins.A) = -Unsafe.Add(ref fr, ins.B); break;
                case OpCode.NotF: Unsafe.Add(ref fr, ins.A) = Unsafe.Add(ref fr, ins.B) == 0 ? 1.0 : 0.0; break;
                case OpCode.AbsF: Unsafe.Add(ref fr, ins.A) = Math.Abs(Unsafe.Add(ref fr, ins.B)); break;
                case OpCode.SqrtF: Unsafe.Add(ref fr, ins.A) = Math.Sqrt(Unsafe.Add(ref fr, ins.B)); break;
                case OpCode.LogF: Unsafe.Add(ref fr, ins.A) = Math.Log(Unsafe.Add(ref fr, ins.B)); break;
                case OpCode.SinF: Unsafe.Add(ref fr, ins.A) = Math.Sin(Unsafe.Add(ref fr, ins.B)); break;
                case OpCode.CosF: Unsafe.Add(ref fr, ins.A) = Math.Cos(Unsafe.Add(ref fr, ins.B)); break;
                case OpCode.TanF: Unsafe.Add(ref fr, ins.A) = Math.Tan(Unsafe.Add(ref fr, ins.B)); break;
                case OpCode.SinhF: Unsafe.Add(ref fr, ins.A) = Math.Sinh(Unsafe.Add(ref fr, ins.B)); break;
                case OpCode.CoshF: Unsafe.Add(ref fr, ins.A) = Math.Cosh(Unsafe.Add(ref fr, ins.B)); break;
                case OpCode.TanhF: Unsafe.Add(ref fr, ins.A) = Math.Tanh(Unsafe.Add(ref fr, ins.B)); break;
                case OpCode.AsinF: Unsafe.Add(ref fr, ins.A) = Math.Asin(Unsafe.Add(ref fr, ins.B)); break;
                case OpCode.AcosF: Unsafe.Add(ref fr, ins.A) = Math.Acos(Unsafe.Add(ref fr, ins.B)); break;
                case OpCode.AtanF: Unsafe.Add(ref fr, ins.A) = Math.Atan(Unsafe.Add(ref fr, ins.B)); break;
                case OpCode.RoundF: Unsafe.Add(ref fr, ins.A) = Math.Round(Unsafe.Add(ref fr, ins.B), MidpointRounding.AwayFromZero); break;
                case OpCode.FloorF: Unsafe.Add(ref fr, ins.A) = Math.Floor(Unsafe.Add(ref fr, ins.B)); break;
                case OpCode.CeilF: Unsafe.Add(ref fr, ins.A) = Math.Ceiling(Unsafe.Add(ref fr, ins.B)); break;
                default:
                    _depth--;
                    return Raise(VmFaultKind.ExternalFailed, $"invalid opcode {ins.Op}", fn, pc);
            }
            pc++;
        }
    }

    /// <summary>
    /// mimium's delay: length L ring, time truncated and clamped to [0, L-1] (NaN reads as 0);
    /// reads slot (w - d) mod L before writing, so d = 0 yields x[n-L]. The layout is
    /// [read index, write index, ring…]; the indices are kept as integers in the words' bits
    /// (see <see cref="State.RingIndex"/>) so the hot path never converts them.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static double RingDelay(double[] heap, int sp, int length, double input, double time)
    {
        if (length <= 0) return 0;
        var t = time >= 0 ? time : 0;
        var d = t < length - 1 ? (int)t : length - 1;
        ref var state = ref heap[sp];
        ref var ring = ref Unsafe.Add(ref heap[sp + 1 + length], -(length - 1));
        var w = (int)Unsafe.As<double, long>(ref Unsafe.Add(ref state, 1));
        var readSlot = w - d;
        if (readSlot < 0) readSlot += length;
        var result = Unsafe.Add(ref ring, readSlot);
        Unsafe.Add(ref ring, w) = input;
        w++;
        if (w >= length) w = 0;
        Unsafe.As<double, long>(ref state) = readSlot;
        Unsafe.As<double, long>(ref Unsafe.Add(ref state, 1)) = w;
        return result;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double MinIgnoringNaN(double a, double b) => double.IsNaN(a) ? b : double.IsNaN(b) ? a : Math.Min(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double MaxIgnoringNaN(double a, double b) => double.IsNaN(a) ? b : double.IsNaN(b) ? a : Math.Max(a, b);
}
