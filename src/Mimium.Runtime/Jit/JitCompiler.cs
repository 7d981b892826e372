using System.Reflection;
using System.Reflection.Emit;
using Mimium.Runtime.Bytecode;
using Mimium.Runtime.Vm;

namespace Mimium.Runtime.Jit;

/// <summary>
/// Translates one function's bytecode to IL, instruction by instruction, with the same meaning
/// as the interpreter: registers are addressed through a managed pointer to the frame, constants
/// are immediates, jumps are branches, and everything that touches closures, upvalues or hosts
/// calls back into the VM. The .NET JIT then turns it into native code without dispatch.
/// </summary>
internal static class JitCompiler
{
    private const BindingFlags Any = BindingFlags.Instance | BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic;
    private static readonly Type Vm = typeof(VirtualMachine);

    private static MethodInfo M(string name) => Vm.GetMethod(name, Any) ?? throw new MissingMethodException(Vm.Name, name);
    private static MethodInfo Getter(string property) => Vm.GetProperty(property, Any)!.GetGetMethod(true)!;
    private static MethodInfo MathOf(string name, int arity) =>
        typeof(Math).GetMethod(name, Enumerable.Repeat(typeof(double), arity).ToArray())!;

    public static JitFunction Compile(CompiledProgram program, int fn)
    {
        var proto = program.Functions[fn];
        var dm = new DynamicMethod($"mimium:{proto.Name}", typeof(bool), new[] { Vm, typeof(int), typeof(int), typeof(int) }, Vm.Module, skipVisibility: true);
        var e = new Emitter(dm.GetILGenerator(), program, proto, fn);
        e.EmitBody();
        return dm.CreateDelegate<JitFunction>();
    }

    private sealed class Emitter(ILGenerator il, CompiledProgram program, FunctionProto proto, int fn)
    {
        private readonly Label[] _labels = Enumerable.Range(0, proto.Code.Length + 1).Select(_ => il.DefineLabel()).ToArray();
        private LocalBuilder _fr = null!;
        private LocalBuilder _heap = null!;
        private LocalBuilder _globals = null!;
        private LocalBuilder _tmp = null!;
        /// <summary>
        /// Registers as IL locals (which the .NET JIT can keep in machine registers) when nothing
        /// outside this activation can see them: no closure is made here, so no upvalue cell
        /// points into the frame. Memory is then touched only where calls exchange values.
        /// </summary>
        private LocalBuilder[]? _regs;
        private Label _failLeave;
        private Label _fail;

        public void EmitBody()
        {
            // Warm-up call (negative frame): return at once.
            var body = il.DefineLabel();
            il.Emit(OpCodes.Ldarg_1);
            il.Emit(OpCodes.Ldc_I4_0);
            il.Emit(OpCodes.Bge, body);
            il.Emit(OpCodes.Ldc_I4_1);
            il.Emit(OpCodes.Ret);
            il.MarkLabel(body);

            _failLeave = il.DefineLabel();
            _fail = il.DefineLabel();
            il.Emit(OpCodes.Ldarg_0);
            il.Emit(OpCodes.Ldc_I4, fn);
            il.Emit(OpCodes.Ldarg_1);
            il.Emit(OpCodes.Call, M("Enter"));
            il.Emit(OpCodes.Brfalse, _fail);

            _fr = il.DeclareLocal(typeof(double).MakeByRefType());
            _heap = il.DeclareLocal(typeof(double[]));
            _globals = il.DeclareLocal(typeof(double[]));
            _tmp = il.DeclareLocal(typeof(double));
            il.Emit(OpCodes.Ldarg_0);
            il.Emit(OpCodes.Call, Getter("StackArray"));
            il.Emit(OpCodes.Ldarg_1);
            il.Emit(OpCodes.Ldelema, typeof(double));
            il.Emit(OpCodes.Stloc, _fr);
            il.Emit(OpCodes.Ldarg_0);
            il.Emit(OpCodes.Call, Getter("GlobalArray"));
            il.Emit(OpCodes.Stloc, _globals);
            ReloadHeap();
            if (!proto.Code.Any(x => x.Op is Bytecode.OpCode.Closure or Bytecode.OpCode.Close))
            {
                _regs = Enumerable.Range(0, proto.FrameSize).Select(_ => il.DeclareLocal(typeof(double))).ToArray();
                Fill(0, proto.ParamWords);
            }

            for (var pc = 0; pc < proto.Code.Length; pc++)
            {
                il.MarkLabel(_labels[pc]);
                Emit(proto.Code[pc], pc);
            }
            il.MarkLabel(_labels[proto.Code.Length]);
            il.Emit(OpCodes.Br, _failLeave);

            il.MarkLabel(_failLeave);
            il.Emit(OpCodes.Ldarg_0);
            il.Emit(OpCodes.Call, M("Leave"));
            il.MarkLabel(_fail);
            il.Emit(OpCodes.Ldc_I4_0);
            il.Emit(OpCodes.Ret);
        }

        private void ReloadHeap()
        {
            il.Emit(OpCodes.Ldarg_0);
            il.Emit(OpCodes.Call, Getter("HeapRef"));
            il.Emit(OpCodes.Stloc, _heap);
        }

        /// <summary>Pushes the address of register k (k may be -1: the caller's result slot).</summary>
        private void Reg(int k)
        {
            il.Emit(OpCodes.Ldloc, _fr);
            if (k == 0) return;
            il.Emit(OpCodes.Ldc_I4, k * sizeof(double));
            il.Emit(OpCodes.Conv_I);
            il.Emit(OpCodes.Add);
        }

        private bool IsLocal(int k) => _regs is not null && k >= 0 && k < _regs.Length;

        private void Load(int k)
        {
            if (IsLocal(k))
            {
                il.Emit(OpCodes.Ldloc, _regs![k]);
                return;
            }
            Reg(k);
            il.Emit(OpCodes.Ldind_R8);
        }

        /// <summary>R(k) := the value <paramref name="push"/> leaves on the IL stack.</summary>
        private void Store(int k, Action push)
        {
            if (IsLocal(k))
            {
                push();
                il.Emit(OpCodes.Stloc, _regs![k]);
                return;
            }
            Reg(k);
            push();
            il.Emit(OpCodes.Stind_R8);
        }

        /// <summary>Writes locals to the frame so a callee or host sees them.</summary>
        private void Spill(int from, int count)
        {
            if (_regs is null) return;
            for (var k = from; k < from + count && k < _regs.Length; k++)
            {
                if (k < 0) continue;
                Reg(k);
                il.Emit(OpCodes.Ldloc, _regs[k]);
                il.Emit(OpCodes.Stind_R8);
            }
        }

        /// <summary>Reads the frame back into locals after a callee or host wrote it.</summary>
        private void Fill(int from, int count)
        {
            if (_regs is null) return;
            for (var k = from; k < from + count && k < _regs.Length; k++)
            {
                if (k < 0) continue;
                Reg(k);
                il.Emit(OpCodes.Ldind_R8);
                il.Emit(OpCodes.Stloc, _regs[k]);
            }
        }

        private void Const(int k) => il.Emit(OpCodes.Ldc_R8, program.Constants[k]);

        private void BpPlus(int k)
        {
            il.Emit(OpCodes.Ldarg_1);
            if (k == 0) return;
            il.Emit(OpCodes.Ldc_I4, k);
            il.Emit(OpCodes.Add);
        }

        private void HeapAt(int offset)
        {
            il.Emit(OpCodes.Ldloc, _heap);
            il.Emit(OpCodes.Ldarg_2);
            if (offset == 0) return;
            il.Emit(OpCodes.Ldc_I4, offset);
            il.Emit(OpCodes.Add);
        }

        private void Binary(Instruction i, System.Reflection.Emit.OpCode op) => Store(i.A, () =>
        {
            Load(i.B);
            Load(i.C);
            il.Emit(op);
        });

        private void BinaryK(Instruction i, System.Reflection.Emit.OpCode op) => Store(i.A, () =>
        {
            Load(i.B);
            Const(i.C);
            il.Emit(op);
        });

        private void KBinary(Instruction i, System.Reflection.Emit.OpCode op) => Store(i.A, () =>
        {
            Const(i.B);
            Load(i.C);
            il.Emit(op);
        });

        private void Call2(Instruction i, MethodInfo m) => Store(i.A, () =>
        {
            Load(i.B);
            Load(i.C);
            il.Emit(OpCodes.Call, m);
        });

        private void Call1(Instruction i, MethodInfo m) => Store(i.A, () =>
        {
            Load(i.B);
            il.Emit(OpCodes.Call, m);
        });

        private void Copy(int dest, int src, int width)
        {
            if (dest == src) return;
            // Overlapping ranges copy in the direction that reads before it writes.
            var order = dest > src ? Enumerable.Range(0, width).Reverse() : Enumerable.Range(0, width);
            foreach (var w in order) Store(dest + w, () => Load(src + w));
        }

        private void Emit(Instruction i, int pc)
        {
            switch (i.Op)
            {
                case Bytecode.OpCode.Move: Copy(i.A, i.B, 1); break;
                case Bytecode.OpCode.MoveN: Copy(i.A, i.B, i.C); break;
                case Bytecode.OpCode.MoveConst:
                    Store(i.A, () => Const(i.B));
                    break;
                case Bytecode.OpCode.GetGlobal:
                    for (var w = 0; w < i.C; w++)
                    {
                        var at = i.B + w;
                        Store(i.A + w, () =>
                        {
                            il.Emit(OpCodes.Ldloc, _globals);
                            il.Emit(OpCodes.Ldc_I4, at);
                            il.Emit(OpCodes.Ldelem_R8);
                        });
                    }
                    break;
                case Bytecode.OpCode.SetGlobal:
                    for (var w = 0; w < i.C; w++)
                    {
                        il.Emit(OpCodes.Ldloc, _globals);
                        il.Emit(OpCodes.Ldc_I4, i.B + w);
                        Load(i.A + w);
                        il.Emit(OpCodes.Stelem_R8);
                    }
                    break;
                case Bytecode.OpCode.CheckCls:
                    Spill(i.A, 1);
                    il.Emit(OpCodes.Ldarg_0);
                    BpPlus(i.A);
                    il.Emit(OpCodes.Ldc_I4, fn);
                    il.Emit(OpCodes.Ldc_I4, pc);
                    il.Emit(OpCodes.Call, M("JitCheckClosure"));
                    il.Emit(OpCodes.Brfalse, _fail);
                    break;
                case Bytecode.OpCode.GetUpvalue:
                case Bytecode.OpCode.SetUpvalue:
                    if (i.Op == Bytecode.OpCode.SetUpvalue) Spill(i.A, i.C);
                    il.Emit(OpCodes.Ldarg_0);
                    il.Emit(OpCodes.Ldarg_3);
                    il.Emit(OpCodes.Ldc_I4, i.B);
                    BpPlus(i.A);
                    il.Emit(OpCodes.Ldc_I4, i.C);
                    il.Emit(OpCodes.Call, M(i.Op == Bytecode.OpCode.GetUpvalue ? "JitGetUpvalue" : "JitSetUpvalue"));
                    if (i.Op == Bytecode.OpCode.GetUpvalue) Fill(i.A, i.C);
                    break;
                case Bytecode.OpCode.GetState:
                    for (var w = 0; w < i.B; w++)
                    {
                        var at = w;
                        Store(i.A + w, () =>
                        {
                            HeapAt(at);
                            il.Emit(OpCodes.Ldelem_R8);
                        });
                    }
                    break;
                case Bytecode.OpCode.SetState:
                    for (var w = 0; w < i.B; w++)
                    {
                        HeapAt(w);
                        Load(i.A + w);
                        il.Emit(OpCodes.Stelem_R8);
                    }
                    break;
                case Bytecode.OpCode.ShiftState:
                    il.Emit(OpCodes.Ldarg_2);
                    il.Emit(OpCodes.Ldc_I4, i.A);
                    il.Emit(OpCodes.Add);
                    il.Emit(OpCodes.Starg_S, (byte)2);
                    break;
                case Bytecode.OpCode.Delay:
                    Store(i.A, () =>
                    {
                        il.Emit(OpCodes.Ldloc, _heap);
                        il.Emit(OpCodes.Ldarg_2);
                        il.Emit(OpCodes.Ldc_I4, i.C);
                        Load(i.B);
                        Load(i.B + 1);
                        il.Emit(OpCodes.Call, M("RingDelay"));
                    });
                    break;
                case Bytecode.OpCode.Mem:
                    HeapAt(0);
                    il.Emit(OpCodes.Ldelem_R8);
                    il.Emit(OpCodes.Stloc, _tmp);
                    HeapAt(0);
                    Load(i.B);
                    il.Emit(OpCodes.Stelem_R8);
                    Store(i.A, () => il.Emit(OpCodes.Ldloc, _tmp));
                    break;
                case Bytecode.OpCode.Jmp:
                    il.Emit(OpCodes.Br, _labels[pc + i.A + 1]);
                    break;
                case Bytecode.OpCode.JmpIfNeg:
                    // Branches when R(A) <= 0; NaN does not branch (the then-branch), as interpreted.
                    Load(i.A);
                    il.Emit(OpCodes.Ldc_R8, 0.0);
                    il.Emit(OpCodes.Ble, _labels[pc + i.B + 1]);
                    break;
                case Bytecode.OpCode.Call:
                    Spill(i.A + 1, i.B);
                    il.Emit(OpCodes.Ldarg_0);
                    Load(i.A);
                    il.Emit(OpCodes.Conv_I4);
                    il.Emit(OpCodes.Ldc_I4_M1);
                    BpPlus(i.A + 1);
                    il.Emit(OpCodes.Ldarg_2);
                    il.Emit(OpCodes.Call, M("Invoke"));
                    il.Emit(OpCodes.Brfalse, _failLeave);
                    ReloadHeap();
                    Fill(i.A, i.C);
                    break;
                case Bytecode.OpCode.CallCls:
                    Spill(i.A, i.B + 1);
                    il.Emit(OpCodes.Ldarg_0);
                    BpPlus(i.A);
                    il.Emit(OpCodes.Call, M("JitCallClosure"));
                    il.Emit(OpCodes.Brfalse, _failLeave);
                    ReloadHeap();
                    Fill(i.A, i.C);
                    break;
                case Bytecode.OpCode.CallExt:
                    Spill(i.A, Math.Max(i.B, 8));
                    il.Emit(OpCodes.Ldarg_0);
                    il.Emit(OpCodes.Ldc_I4, i.C);
                    BpPlus(i.A);
                    il.Emit(OpCodes.Ldc_I4, i.B);
                    il.Emit(OpCodes.Ldc_I4, fn);
                    il.Emit(OpCodes.Ldc_I4, pc);
                    il.Emit(OpCodes.Call, M("JitCallExt"));
                    il.Emit(OpCodes.Brfalse, _fail);
                    ReloadHeap();
                    Fill(i.A, Math.Max(i.B, 8));
                    break;
                case Bytecode.OpCode.Closure:
                    il.Emit(OpCodes.Ldarg_0);
                    il.Emit(OpCodes.Ldc_I4, i.B);
                    il.Emit(OpCodes.Ldarg_3);
                    il.Emit(OpCodes.Ldarg_1);
                    BpPlus(i.A);
                    il.Emit(OpCodes.Ldc_I4, fn);
                    il.Emit(OpCodes.Ldc_I4, pc);
                    il.Emit(OpCodes.Call, M("JitClosure"));
                    il.Emit(OpCodes.Brfalse, _fail);
                    ReloadHeap();
                    break;
                case Bytecode.OpCode.Close:
                    il.Emit(OpCodes.Ldarg_0);
                    BpPlus(i.A);
                    il.Emit(OpCodes.Call, M("JitClose"));
                    ReloadHeap();
                    break;
                case Bytecode.OpCode.Return:
                    for (var w = 0; w < i.B; w++)
                    {
                        Reg(w - 1);
                        Load(i.A + w);
                        il.Emit(OpCodes.Stind_R8);
                    }
                    il.Emit(OpCodes.Ldarg_0);
                    il.Emit(OpCodes.Ldarg_1);
                    il.Emit(OpCodes.Call, M("JitReturn"));
                    il.Emit(OpCodes.Ldc_I4_1);
                    il.Emit(OpCodes.Ret);
                    break;
                case Bytecode.OpCode.Now:
                    Store(i.A, () =>
                    {
                        il.Emit(OpCodes.Ldarg_0);
                        il.Emit(OpCodes.Call, Getter("NowValue"));
                    });
                    break;
                case Bytecode.OpCode.SampleRate:
                    Store(i.A, () =>
                    {
                        il.Emit(OpCodes.Ldarg_0);
                        il.Emit(OpCodes.Call, Getter("SampleRate"));
                    });
                    break;
                case Bytecode.OpCode.AddF: Binary(i, OpCodes.Add); break;
                case Bytecode.OpCode.SubF: Binary(i, OpCodes.Sub); break;
                case Bytecode.OpCode.MulF: Binary(i, OpCodes.Mul); break;
                case Bytecode.OpCode.DivF: Binary(i, OpCodes.Div); break;
                case Bytecode.OpCode.ModF: Binary(i, OpCodes.Rem); break;
                case Bytecode.OpCode.AddFK: BinaryK(i, OpCodes.Add); break;
                case Bytecode.OpCode.SubFK: BinaryK(i, OpCodes.Sub); break;
                case Bytecode.OpCode.MulFK: BinaryK(i, OpCodes.Mul); break;
                case Bytecode.OpCode.DivFK: BinaryK(i, OpCodes.Div); break;
                case Bytecode.OpCode.KSubF: KBinary(i, OpCodes.Sub); break;
                case Bytecode.OpCode.KDivF: KBinary(i, OpCodes.Div); break;
                case Bytecode.OpCode.PowF: Call2(i, MathOf("Pow", 2)); break;
                case Bytecode.OpCode.Atan2F: Call2(i, MathOf("Atan2", 2)); break;
                case Bytecode.OpCode.MinF: Call2(i, M("Min")); break;
                case Bytecode.OpCode.MaxF: Call2(i, M("Max")); break;
                case Bytecode.OpCode.EqF: Call2(i, M("Eq")); break;
                case Bytecode.OpCode.NeF: Call2(i, M("Ne")); break;
                case Bytecode.OpCode.LtF: Call2(i, M("Lt")); break;
                case Bytecode.OpCode.LeF: Call2(i, M("Le")); break;
                case Bytecode.OpCode.GtF: Call2(i, M("Gt")); break;
                case Bytecode.OpCode.GeF: Call2(i, M("Ge")); break;
                case Bytecode.OpCode.AndF: Call2(i, M("And")); break;
                case Bytecode.OpCode.OrF: Call2(i, M("Or")); break;
                case Bytecode.OpCode.NegF:
                    Store(i.A, () =>
                    {
                        Load(i.B);
                        il.Emit(OpCodes.Neg);
                    });
                    break;
                case Bytecode.OpCode.NotF: Call1(i, M("Not")); break;
                case Bytecode.OpCode.AbsF: Call1(i, MathOf("Abs", 1)); break;
                case Bytecode.OpCode.SqrtF: Call1(i, MathOf("Sqrt", 1)); break;
                case Bytecode.OpCode.LogF: Call1(i, MathOf("Log", 1)); break;
                case Bytecode.OpCode.SinF: Call1(i, MathOf("Sin", 1)); break;
                case Bytecode.OpCode.CosF: Call1(i, MathOf("Cos", 1)); break;
                case Bytecode.OpCode.TanF: Call1(i, MathOf("Tan", 1)); break;
                case Bytecode.OpCode.SinhF: Call1(i, MathOf("Sinh", 1)); break;
                case Bytecode.OpCode.CoshF: Call1(i, MathOf("Cosh", 1)); break;
                case Bytecode.OpCode.TanhF: Call1(i, MathOf("Tanh", 1)); break;
                case Bytecode.OpCode.AsinF: Call1(i, MathOf("Asin", 1)); break;
                case Bytecode.OpCode.AcosF: Call1(i, MathOf("Acos", 1)); break;
                case Bytecode.OpCode.AtanF: Call1(i, MathOf("Atan", 1)); break;
                case Bytecode.OpCode.RoundF: Call1(i, M("RoundAway")); break;
                case Bytecode.OpCode.FloorF: Call1(i, MathOf("Floor", 1)); break;
                case Bytecode.OpCode.CeilF: Call1(i, MathOf("Ceiling", 1)); break;
                default:
                    throw new NotSupportedException($"no JIT form for {i.Op}");
            }
        }
    }
}
