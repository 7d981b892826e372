using System.Runtime.CompilerServices;
using Mimium.Runtime.Bytecode;

namespace Mimium.Runtime.Vm;

public sealed partial class VirtualMachine
{
    /// <summary>
    /// Interprets one activation. Results are written to the register just below the frame
    /// (where the caller kept the callee), so CALL's R(A) receives them.
    /// </summary>
    private bool Execute(int fn, int closure, int bp, int sp)
    {
        var proto = _functions[fn];
        if (++_depth > Options.MaxCallDepth || bp + proto.FrameSize + 1 >= _stack.Length)
        {
            _depth--;
            return Raise(VmFaultKind.StackOverflow, $"stack overflow: call depth exceeds {Options.MaxCallDepth} (unbounded recursion?)", fn, 0);
        }
        if (--_callsLeft < 0)
        {
            _depth--;
            return Raise(VmFaultKind.CallBudgetExceeded, "evaluation exceeded its step budget (runaway recursion?)", fn, 0);
        }
        var code = proto.Code;
        var r = _stack;
        var heap = _heap;
        var pc = 0;
        while (true)
        {
            var ins = code[pc];
            switch (ins.Op)
            {
                case OpCode.Move: r[bp + ins.A] = r[bp + ins.B]; break;
                case OpCode.MoveN: Array.Copy(r, bp + ins.B, r, bp + ins.A, ins.C); break;
                case OpCode.MoveConst: r[bp + ins.A] = _constants[ins.B]; break;
                case OpCode.GetGlobal:
                    if (ins.C == 1) r[bp + ins.A] = _globals[ins.B];
                    else Array.Copy(_globals, ins.B, r, bp + ins.A, ins.C);
                    break;
                case OpCode.SetGlobal:
                    if (ins.C == 1) _globals[ins.B] = r[bp + ins.A];
                    else Array.Copy(r, bp + ins.A, _globals, ins.B, ins.C);
                    break;
                case OpCode.GetUpvalue: ReadUpvalue(closure, ins.B, r, bp + ins.A, ins.C); break;
                case OpCode.SetUpvalue: WriteUpvalue(closure, ins.B, r, bp + ins.A, ins.C); break;
                case OpCode.GetState:
                    if (ins.B == 1) r[bp + ins.A] = heap[sp];
                    else Array.Copy(heap, sp, r, bp + ins.A, ins.B);
                    break;
                case OpCode.SetState:
                    if (ins.B == 1) heap[sp] = r[bp + ins.A];
                    else Array.Copy(r, bp + ins.A, heap, sp, ins.B);
                    break;
                case OpCode.ShiftState: sp += ins.A; break;
                case OpCode.Delay: r[bp + ins.A] = RingDelay(heap, sp, ins.C, r[bp + ins.B], r[bp + ins.B + 1]); break;
                case OpCode.Mem:
                {
                    var prev = heap[sp];
                    heap[sp] = r[bp + ins.B];
                    r[bp + ins.A] = prev;
                    break;
                }
                case OpCode.Jmp: pc += ins.A; break;
                case OpCode.JmpIfNeg:
                    if (!(r[bp + ins.A] > 0)) pc += ins.B;
                    break;
                case OpCode.Call:
                    if (!Execute((int)r[bp + ins.A], -1, bp + ins.A + 1, sp)) { _depth--; return false; }
                    heap = _heap;
                    break;
                case OpCode.CallCls:
                {
                    var h = (int)r[bp + ins.A];
                    if (!Execute(_closureFn[h], h, bp + ins.A + 1, _closureState[h])) { _depth--; return false; }
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
                    r[bp + ins.A] = h;
                    heap = _heap;
                    break;
                }
                case OpCode.Close: CloseFrom(bp + ins.A); break;
                case OpCode.Return:
                    if (ins.B == 1) r[bp - 1] = r[bp + ins.A];
                    else Array.Copy(r, bp + ins.A, r, bp - 1, ins.B);
                    if (_openCount > 0) CloseFrom(bp);
                    _depth--;
                    return true;
                case OpCode.Now: r[bp + ins.A] = Now; break;
                case OpCode.SampleRate: r[bp + ins.A] = SampleRate; break;
                case OpCode.AddF: r[bp + ins.A] = r[bp + ins.B] + r[bp + ins.C]; break;
                case OpCode.SubF: r[bp + ins.A] = r[bp + ins.B] - r[bp + ins.C]; break;
                case OpCode.MulF: r[bp + ins.A] = r[bp + ins.B] * r[bp + ins.C]; break;
                case OpCode.DivF: r[bp + ins.A] = r[bp + ins.B] / r[bp + ins.C]; break;
                case OpCode.ModF: r[bp + ins.A] = r[bp + ins.B] % r[bp + ins.C]; break;
                case OpCode.PowF: r[bp + ins.A] = Math.Pow(r[bp + ins.B], r[bp + ins.C]); break;
                case OpCode.MinF: r[bp + ins.A] = MinIgnoringNaN(r[bp + ins.B], r[bp + ins.C]); break;
                case OpCode.MaxF: r[bp + ins.A] = MaxIgnoringNaN(r[bp + ins.B], r[bp + ins.C]); break;
                case OpCode.Atan2F: r[bp + ins.A] = Math.Atan2(r[bp + ins.B], r[bp + ins.C]); break;
                case OpCode.EqF: r[bp + ins.A] = r[bp + ins.B] == r[bp + ins.C] ? 1.0 : 0.0; break;
                case OpCode.NeF: r[bp + ins.A] = r[bp + ins.B] != r[bp + ins.C] ? 1.0 : 0.0; break;
                case OpCode.LtF: r[bp + ins.A] = r[bp + ins.B] < r[bp + ins.C] ? 1.0 : 0.0; break;
                case OpCode.LeF: r[bp + ins.A] = r[bp + ins.B] <= r[bp + ins.C] ? 1.0 : 0.0; break;
                case OpCode.GtF: r[bp + ins.A] = r[bp + ins.B] > r[bp + ins.C] ? 1.0 : 0.0; break;
                case OpCode.GeF: r[bp + ins.A] = r[bp + ins.B] >= r[bp + ins.C] ? 1.0 : 0.0; break;
                case OpCode.AndF: r[bp + ins.A] = r[bp + ins.B] > 0 && r[bp + ins.C] > 0 ? 1.0 : 0.0; break;
                case OpCode.OrF: r[bp + ins.A] = r[bp + ins.B] > 0 || r[bp + ins.C] > 0 ? 1.0 : 0.0; break;
                case OpCode.NegF: r[bp + ins.A] = -r[bp + ins.B]; break;
                case OpCode.NotF: r[bp + ins.A] = r[bp + ins.B] == 0 ? 1.0 : 0.0; break;
                case OpCode.AbsF: r[bp + ins.A] = Math.Abs(r[bp + ins.B]); break;
                case OpCode.SqrtF: r[bp + ins.A] = Math.Sqrt(r[bp + ins.B]); break;
                case OpCode.LogF: r[bp + ins.A] = Math.Log(r[bp + ins.B]); break;
                case OpCode.SinF: r[bp + ins.A] = Math.Sin(r[bp + ins.B]); break;
                case OpCode.CosF: r[bp + ins.A] = Math.Cos(r[bp + ins.B]); break;
                case OpCode.TanF: r[bp + ins.A] = Math.Tan(r[bp + ins.B]); break;
                case OpCode.SinhF: r[bp + ins.A] = Math.Sinh(r[bp + ins.B]); break;
                case OpCode.CoshF: r[bp + ins.A] = Math.Cosh(r[bp + ins.B]); break;
                case OpCode.TanhF: r[bp + ins.A] = Math.Tanh(r[bp + ins.B]); break;
                case OpCode.AsinF: r[bp + ins.A] = Math.Asin(r[bp + ins.B]); break;
                case OpCode.AcosF: r[bp + ins.A] = Math.Acos(r[bp + ins.B]); break;
                case OpCode.AtanF: r[bp + ins.A] = Math.Atan(r[bp + ins.B]); break;
                case OpCode.RoundF: r[bp + ins.A] = Math.Round(r[bp + ins.B], MidpointRounding.AwayFromZero); break;
                case OpCode.FloorF: r[bp + ins.A] = Math.Floor(r[bp + ins.B]); break;
                case OpCode.CeilF: r[bp + ins.A] = Math.Ceiling(r[bp + ins.B]); break;
                default:
                    _depth--;
                    return Raise(VmFaultKind.ExternalFailed, $"invalid opcode {ins.Op}", fn, pc);
            }
            pc++;
        }
    }

    /// <summary>
    /// mimium's delay: length L ring, time truncated and clamped to [0, L-1] (NaN reads as 0);
    /// reads slot (w - d) mod L before writing, so d = 0 yields x[n-L].
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static double RingDelay(double[] heap, int sp, int length, double input, double time)
    {
        if (length <= 0) return 0;
        var t = double.IsNaN(time) ? 0 : Math.Clamp(time, 0, length - 1);
        var d = (int)t;
        var w = (int)heap[sp + 1];
        var readSlot = w - d;
        if (readSlot < 0) readSlot += length;
        var result = heap[sp + 2 + readSlot];
        heap[sp + 2 + w] = input;
        w++;
        if (w >= length) w = 0;
        heap[sp] = readSlot;
        heap[sp + 1] = w;
        return result;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double MinIgnoringNaN(double a, double b) => double.IsNaN(a) ? b : double.IsNaN(b) ? a : Math.Min(a, b);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double MaxIgnoringNaN(double a, double b) => double.IsNaN(a) ? b : double.IsNaN(b) ? a : Math.Max(a, b);
}
