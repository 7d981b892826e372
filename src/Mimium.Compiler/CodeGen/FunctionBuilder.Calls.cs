using System.Collections.Immutable;
using Mimium.Runtime.Bytecode;
using Mimium.Runtime.State;
using Mimium.Syntax.Ast;
using Mimium.Syntax.Diagnostics;
using Mimium.Syntax.Text;
using Mimium.Types;

namespace Mimium.Compiler.CodeGen;

internal sealed partial class FunctionBuilder
{
    private static readonly Dictionary<string, OpCode> Binary = new()
    {
        ["add"] = OpCode.AddF, ["sub"] = OpCode.SubF, ["mult"] = OpCode.MulF, ["div"] = OpCode.DivF,
        ["modulo"] = OpCode.ModF, ["pow"] = OpCode.PowF, ["min"] = OpCode.MinF, ["max"] = OpCode.MaxF,
        ["atan2"] = OpCode.Atan2F, ["eq"] = OpCode.EqF, ["ne"] = OpCode.NeF, ["lt"] = OpCode.LtF,
        ["le"] = OpCode.LeF, ["gt"] = OpCode.GtF, ["ge"] = OpCode.GeF, ["and"] = OpCode.AndF, ["or"] = OpCode.OrF,
    };

    private static readonly Dictionary<string, OpCode> Unary = new()
    {
        ["neg"] = OpCode.NegF, ["not"] = OpCode.NotF, ["abs"] = OpCode.AbsF, ["sqrt"] = OpCode.SqrtF,
        ["log"] = OpCode.LogF, ["sin"] = OpCode.SinF, ["cos"] = OpCode.CosF, ["tan"] = OpCode.TanF,
        ["sinh"] = OpCode.SinhF, ["cosh"] = OpCode.CoshF, ["tanh"] = OpCode.TanhF, ["asin"] = OpCode.AsinF,
        ["acos"] = OpCode.AcosF, ["atan"] = OpCode.AtanF, ["round"] = OpCode.RoundF, ["floor"] = OpCode.FloorF,
        ["ceil"] = OpCode.CeilF, ["tofloat"] = OpCode.Move,
    };

    private void CompileCall(CallExpr c, int dest)
    {
        if (c.Callee is VarRef v && Types.References.TryGetValue(v, out var sym))
        {
            if (sym.Kind == SymbolKind.Builtin && !_locals.ContainsKey(sym))
            {
                CompileBuiltinCall(sym.Name, c, dest);
                return;
            }
            if (sym.Kind == SymbolKind.Function && sym.Declaration is FnDecl fn)
            {
                CompileDirectCall(fn, sym, v, c, dest);
                return;
            }
        }
        CompileClosureCall(c, dest);
    }

    /// <summary>Lays out the call's arguments right after R(A) as CALL expects.</summary>
    private int FillArgs(CallExpr c, int a)
    {
        var argWords = c.Args.Sum(WidthOf);
        var off = a + 1;
        foreach (var arg in c.Args)
        {
            CompileTo(arg, off);
            off += WidthOf(arg);
        }
        return argWords;
    }

    /// <summary>
    /// Where a call's frame goes: at <paramref name="dest"/> itself when nothing above it is live,
    /// so the results land in place without a move.
    /// </summary>
    private int FrameAt(int dest, int resultWords, int argWords)
    {
        if (dest + resultWords == _top && resultWords > 0)
        {
            _top = dest;
        }
        return Alloc(1 + Math.Max(argWords, resultWords));
    }

    private void CompileDirectCall(FnDecl fn, Symbol sym, VarRef callee, CallExpr c, int dest)
    {
        var type = (FunctionMType)TypeOf(callee);
        var inst = _g.GetFunction(fn, sym, type, c.Span);
        var resultWords = TypeLayout.Width(type.Result);
        if (_g.Inline && CanInline(fn, inst, c))
        {
            Inline(fn, inst, c, dest, resultWords);
            return;
        }
        var top = _top;
        var a = FrameAt(dest, resultWords, c.Args.Sum(WidthOf));
        var argWords = FillArgs(c, a);
        _span = c.Span;
        Emit(OpCode.MoveConst, a, _g.AddConstant(inst.Index));
        var skeleton = inst.Proto?.Skeleton;
        if (skeleton is { Size: > 0 })
        {
            var node = new StateNode(StateKind.FnCall, skeleton.Size, 0, skeleton.Children, fn.Name, ConstantFolding.Hint(c.Args));
            ShiftTo(AllocState(node));
        }
        Emit(OpCode.Call, a, argWords, resultWords);
        EmitMove(dest, a, resultWords);
        _top = top;
    }

    private void CompileClosureCall(CallExpr c, int dest)
    {
        if (TypeOf(c.Callee) is not FunctionMType type)
        {
            Error(ErrorCodes.NotAFunction, "this is not a function", c.Callee.Span);
            return;
        }
        var resultWords = TypeLayout.Width(type.Result);
        var top = _top;
        var frame = FrameAt(dest, resultWords, c.Args.Sum(WidthOf));
        CompileTo(c.Callee, frame);
        var argWords = FillArgs(c, frame);
        _span = c.Span;
        Emit(OpCode.CallCls, frame, argWords, resultWords);
        EmitMove(dest, frame, resultWords);
        _top = top;
    }

    private void CompileBuiltinCall(string name, CallExpr c, int dest)
    {
        switch (name)
        {
            case "delay": CompileDelay(c, dest); return;
            case "mem":
            {
                var src = Operand(c.Args[0]);
                ShiftTo(AllocState(StateNode.MemNode()));
                Emit(OpCode.Mem, dest, src);
                return;
            }
        }
        if (c.Args.Length == 2 && TryEmitConstantOperand(name, c, dest)) return;
        if (Binary.ContainsKey(name) || Unary.ContainsKey(name))
        {
            var top = _top;
            var regs = c.Args.Select(Operand).ToArray();
            _span = c.Span;
            EmitBuiltin(name, regs, dest, c.Span);
            _top = top;
            return;
        }
        CompileExternalCall(name, c, dest);
    }

    private static readonly Dictionary<string, OpCode> ConstantRight = new()
    {
        ["add"] = OpCode.AddFK, ["sub"] = OpCode.SubFK, ["mult"] = OpCode.MulFK, ["div"] = OpCode.DivFK,
    };

    /// <summary>`x op 0.5` and `1.0 - x` read the constant directly instead of loading it first.</summary>
    private bool TryEmitConstantOperand(string name, CallExpr c, int dest)
    {
        var top = _top;
        if (c.Args[1] is NumberLit k && ConstantRight.TryGetValue(name, out var op))
        {
            var x = Operand(c.Args[0]);
            _span = c.Span;
            Emit(op, dest, x, _g.AddConstant(k.Value));
        }
        else if (c.Args[0] is NumberLit k0 && name is "add" or "mult" && ConstantRight.TryGetValue(name, out var op0))
        {
            var x = Operand(c.Args[1]);
            _span = c.Span;
            Emit(op0, dest, x, _g.AddConstant(k0.Value));
        }
        else if (c.Args[0] is NumberLit k1 && name is "sub" or "div")
        {
            var x = Operand(c.Args[1]);
            _span = c.Span;
            Emit(name == "sub" ? OpCode.KSubF : OpCode.KDivF, dest, _g.AddConstant(k1.Value), x);
        }
        else
        {
            return false;
        }
        _top = top;
        return true;
    }

    /// <summary>Emits the op of a pure builtin over operand registers.</summary>
    private void EmitBuiltin(string name, int[] regs, int dest, Span span)
    {
        if (Binary.TryGetValue(name, out var bop) && regs.Length == 2) Emit(bop, dest, regs[0], regs[1]);
        else if (Unary.TryGetValue(name, out var uop) && regs.Length == 1) Emit(uop, dest, regs[0]);
        else if (name is "probe" or "probeln")
        {
            var frame = Alloc(8);
            EmitMove(frame, regs[0], 1);
            Emit(OpCode.CallExt, frame, 1, _g.AddExternal(name));
            EmitMove(dest, frame, 1);
        }
        else Error(ErrorCodes.ArityMismatch, $"`{name}` cannot be called with {regs.Length} argument(s)", span);
    }

    private void CompileDelay(CallExpr c, int dest)
    {
        if (c.Args.Length != 3) return;
        if (c.Args[0] is not NumberLit max)
        {
            Error(ErrorCodes.DelayMaxNotLiteral, "the first argument of delay (its maximum length) must be a number literal", c.Args[0].Span);
            return;
        }
        var length = (int)Math.Truncate(Math.Max(0, max.Value));
        var top = _top;
        var io = Alloc(2);
        CompileTo(c.Args[1], io);
        CompileTo(c.Args[2], io + 1);
        _span = c.Span;
        ShiftTo(AllocState(StateNode.DelayNode(length)));
        Emit(OpCode.Delay, dest, io, length);
        _top = top;
    }

    /// <summary>probe, lift and host functions: CallExt with args and results in one frame.</summary>
    private void CompileExternalCall(string name, CallExpr c, int dest)
    {
        var resultWords = WidthOf(c);
        var argWords = c.Args.Sum(WidthOf);
        var top = _top;
        var frame = Alloc(Math.Max(8, Math.Max(argWords, resultWords)));
        var off = frame;
        foreach (var arg in c.Args)
        {
            CompileTo(arg, off);
            off += WidthOf(arg);
        }
        var external = name;
        if (_g.Specialized.Contains(name))
        {
            external = MacroExternals.Specialized(name, _g.SpecializedCalls.Count);
            _g.SpecializedCalls.Add((name, c.Args.Select(TypeOf).ToImmutableArray()));
        }
        _span = c.Span;
        Emit(OpCode.CallExt, frame, argWords, _g.AddExternal(external));
        EmitMove(dest, frame, resultWords);
        _top = top;
    }
}
