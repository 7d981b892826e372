using System.Collections.Immutable;
using Mimium.Runtime.Bytecode;
using Mimium.Syntax.Ast;
using Mimium.Syntax.Diagnostics;
using Mimium.Types;

namespace Mimium.Compiler.CodeGen;

internal sealed partial class FunctionBuilder
{
    /// <summary>Compiles <paramref name="e"/> so its value lands in dest..dest+width-1.</summary>
    private void CompileTo(Expr e, int dest)
    {
        System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack();
        var saved = _span;
        _span = e.Span;
        var top = _top;
        if (_top < dest + WidthOf(e)) _top = dest + WidthOf(e);
        if (_top > _maxTop) _maxTop = _top;
        switch (e)
        {
            case NumberLit n: Emit(OpCode.MoveConst, dest, _g.AddConstant(n.Value)); break;
            case StringLit s: Emit(OpCode.MoveConst, dest, _g.AddConstant(_g.AddString(s.Value))); break;
            case NowExpr: Emit(OpCode.Now, dest); break;
            case SampleRateExpr: Emit(OpCode.SampleRate, dest); break;
            case VarRef v: CompileVar(v, dest); break;
            case SelfExpr:
                ShiftTo(_selfBase);
                var w = WidthOf(e);
                if (w > 0) Emit(OpCode.GetState, dest, w);
                break;
            case TupleExpr t:
            {
                var off = dest;
                foreach (var el in t.Elements)
                {
                    CompileTo(el, off);
                    off += WidthOf(el);
                }
                break;
            }
            case ProjExpr p: CompileProj(p, dest); break;
            case CallExpr c: CompileCall(c, dest); break;
            case LambdaExpr l: CompileLambda(l, dest); break;
            case IfExpr i: CompileIf(i, dest); break;
            case BlockExpr b: CompileBlock(b, dest); break;
            case QuoteExpr q: CompileQuote(q, dest); break;
            default:
                Error(ErrorCodes.Unsupported, $"cannot compile {e.GetType().Name} here", e.Span);
                break;
        }
        _top = top;
        _span = saved;
    }

    /// <summary>A register holding a one-word value: a local's own register, or a fresh temporary.</summary>
    private int Operand(Expr e)
    {
        if (e is VarRef v && Types.References.TryGetValue(v, out var sym) && _locals.TryGetValue(sym, out var reg)) return reg;
        var t = Alloc(Math.Max(1, WidthOf(e)));
        CompileTo(e, t);
        return t;
    }

    private void CompileVar(VarRef v, int dest)
    {
        if (!Types.References.TryGetValue(v, out var sym)) return;
        var width = WidthOf(v);
        if (_locals.TryGetValue(sym, out var reg))
        {
            EmitMove(dest, reg, width);
            return;
        }
        if (_upvalueIndex.TryGetValue(sym, out var up))
        {
            if (width > 0) Emit(OpCode.GetUpvalue, dest, up, width);
            return;
        }
        switch (sym.Kind)
        {
            case SymbolKind.Global:
                if (width > 0) Emit(OpCode.GetGlobal, dest, _g.GlobalOffset(sym, width), width);
                break;
            case SymbolKind.Function when sym.Declaration is FnDecl fn:
            {
                var inst = _g.GetFunction(fn, sym, (FunctionMType)TypeOf(v), v.Span);
                Emit(OpCode.Closure, dest, inst.Index);
                break;
            }
            case SymbolKind.Builtin:
            {
                if (TypeOf(v) is not FunctionMType ft || sym.Name is "mem" or "delay")
                {
                    Error(ErrorCodes.Unsupported, $"`{sym.Name}` cannot be used as a value; call it directly", v.Span);
                    break;
                }
                var inst = _g.GetBuiltinWrapper(sym.Name, ft, v.Span);
                Emit(OpCode.Closure, dest, inst.Index);
                break;
            }
            default:
                Error(ErrorCodes.Unsupported, $"internal error: `{sym.Name}` has no storage here", v.Span);
                break;
        }
    }

    private void CompileProj(ProjExpr p, int dest)
    {
        if (TypeOf(p.Target) is not TupleMType tt) return;
        var offset = TypeLayout.Offset(tt, p.Index);
        var w = WidthOf(p);
        int src;
        if (p.Target is VarRef v && Types.References.TryGetValue(v, out var sym) && _locals.TryGetValue(sym, out var reg))
        {
            src = reg;
        }
        else
        {
            src = Alloc(TypeLayout.Width(tt));
            CompileTo(p.Target, src);
        }
        EmitMove(dest, src + offset, w);
    }

    private void CompileIf(IfExpr i, int dest)
    {
        var cond = Operand(i.Condition);
        var sp0 = _curSp;
        var jElse = Emit(OpCode.JmpIfNeg, cond, 0);
        CompileTo(i.Then, dest);
        ShiftTo(sp0);
        if (i.Else is null)
        {
            Patch(jElse, Instruction.Make(OpCode.JmpIfNeg, cond, _code.Count - jElse - 1));
            return;
        }
        var jEnd = Emit(OpCode.Jmp, 0);
        Patch(jElse, Instruction.Make(OpCode.JmpIfNeg, cond, _code.Count - jElse - 1));
        _curSp = sp0;
        CompileTo(i.Else, dest);
        ShiftTo(sp0);
        Patch(jEnd, Instruction.Make(OpCode.Jmp, _code.Count - jEnd - 1));
    }

    private void CompileBlock(BlockExpr b, int dest)
    {
        var firstLocal = _top;
        var capturedHere = false;
        for (var k = 0; k < b.Statements.Length; k++)
        {
            var s = b.Statements[k];
            var isValue = k == b.Statements.Length - 1 && s is ExprStmt;
            if (isValue)
            {
                CompileTo(((ExprStmt)s).Expr, dest);
                continue;
            }
            capturedHere |= CompileStatement(s);
        }
        // Registers of this block's locals are reused after it; closures that captured them must
        // keep their values.
        if (capturedHere) Emit(OpCode.Close, firstLocal);
    }

    /// <summary>Compiles a statement; returns whether it bound a captured local.</summary>
    private bool CompileStatement(Stmt s)
    {
        var saved = _span;
        _span = s.Span;
        try
        {
            switch (s)
            {
                case LetStmt let: return CompileLet(let);
                case LetRecStmt letrec: return CompileLetRec(letrec);
                case AssignStmt assign: CompileAssign(assign); return false;
                case ExprStmt es:
                {
                    var top = _top;
                    var t = Alloc(WidthOf(es.Expr));
                    CompileTo(es.Expr, t);
                    _top = top;
                    return false;
                }
                default:
                    Error(ErrorCodes.Unsupported, $"unsupported statement {s.GetType().Name}", s.Span);
                    return false;
            }
        }
        finally
        {
            _span = saved;
        }
    }

    private bool CompileLet(LetStmt let)
    {
        var width = WidthOf(let.Value);
        var symbols = PatternSymbols(let.Pattern).ToList();
        if (symbols.Count > 0 && symbols.All(sym => sym.Kind == SymbolKind.Global))
        {
            var top = _top;
            var t = Alloc(width);
            CompileTo(let.Value, t);
            BindGlobals(let.Pattern, t, TypeOf(let.Value));
            _top = top;
            return false;
        }
        var reg = Alloc(width);
        CompileTo(let.Value, reg);
        BindLocals(let.Pattern, reg, TypeOf(let.Value));
        var captured = symbols.Any(x => x.IsCaptured);
        _hasCapturedLocals |= captured;
        return captured;
    }

    private bool CompileLetRec(LetRecStmt letrec)
    {
        var sym = Types.Declarations[letrec];
        var width = TypeLayout.Width(Ground(sym.Type));
        if (sym.Kind == SymbolKind.Global)
        {
            var top = _top;
            var t = Alloc(width);
            CompileTo(letrec.Value, t);
            Emit(OpCode.SetGlobal, t, _g.GlobalOffset(sym, width), width);
            _top = top;
            return false;
        }
        var reg = Alloc(width);
        _locals[sym] = reg;
        CompileTo(letrec.Value, reg);
        _hasCapturedLocals |= sym.IsCaptured;
        return sym.IsCaptured;
    }

    private IEnumerable<Symbol> PatternSymbols(Pattern p) => p switch
    {
        VarPattern v when Types.Declarations.TryGetValue(v, out var s) => new[] { s },
        TuplePattern t => t.Elements.SelectMany(PatternSymbols),
        _ => Array.Empty<Symbol>(),
    };

    private void BindLocals(Pattern p, int reg, MType type)
    {
        switch (p)
        {
            case VarPattern v when Types.Declarations.TryGetValue(v, out var s):
                _locals[s] = reg;
                break;
            case TuplePattern t when type is TupleMType tt && tt.Elements.Length == t.Elements.Length:
                for (var i = 0; i < t.Elements.Length; i++) BindLocals(t.Elements[i], reg + TypeLayout.Offset(tt, i), tt.Elements[i]);
                break;
        }
    }

    private void BindGlobals(Pattern p, int reg, MType type)
    {
        switch (p)
        {
            case VarPattern v when Types.Declarations.TryGetValue(v, out var s):
                var w = TypeLayout.Width(type);
                if (w > 0) Emit(OpCode.SetGlobal, reg, _g.GlobalOffset(s, w), w);
                break;
            case TuplePattern t when type is TupleMType tt && tt.Elements.Length == t.Elements.Length:
                for (var i = 0; i < t.Elements.Length; i++) BindGlobals(t.Elements[i], reg + TypeLayout.Offset(tt, i), tt.Elements[i]);
                break;
        }
    }

    private void CompileAssign(AssignStmt a)
    {
        if (!Types.Assignments.TryGetValue(a, out var sym)) return;
        var width = TypeLayout.Width(Ground(sym.Type));
        var top = _top;
        var t = Alloc(width);
        CompileTo(a.Value, t);
        // Closures stored beyond this frame (globals, captured variables) must outlive the sample
        // they were made in: each closure word of the value is checked first.
        if (!_locals.ContainsKey(sym))
        {
            foreach (var offset in ClosureWords(Ground(sym.Type), 0)) Emit(OpCode.CheckCls, t + offset);
        }
        if (_locals.TryGetValue(sym, out var reg)) EmitMove(reg, t, width);
        else if (_upvalueIndex.TryGetValue(sym, out var up)) { if (width > 0) Emit(OpCode.SetUpvalue, t, up, width); }
        else if (sym.Kind == SymbolKind.Global) { if (width > 0) Emit(OpCode.SetGlobal, t, _g.GlobalOffset(sym, width), width); }
        else Error(ErrorCodes.Unsupported, $"internal error: cannot assign `{sym.Name}` here", a.Span);
        _top = top;
    }

    /// <summary>Word offsets of the closures inside a (tuple) value.</summary>
    private static IEnumerable<int> ClosureWords(MType type, int at)
    {
        switch (type)
        {
            case FunctionMType:
                yield return at;
                break;
            case TupleMType tu:
                for (var i = 0; i < tu.Elements.Length; i++)
                {
                    foreach (var w in ClosureWords(tu.Elements[i], at + TypeLayout.Offset(tu, i))) yield return w;
                }
                break;
        }
    }

    private void CompileLambda(LambdaExpr l, int dest)
    {
        var free = FreeVariables.Of(l, Types);
        var inst = _g.GetLambda(l, this, free);
        Emit(OpCode.Closure, dest, inst.Index);
    }

    private void CompileQuote(QuoteExpr q, int dest)
    {
        var holes = QuoteHoles.Find(q.Body).ToImmutableArray();
        var id = _g.Templates.Count;
        _g.Templates.Add(new QuoteTemplate(q.Body, holes));
        var frame = Alloc(Math.Max(1 + holes.Length, 1));
        Emit(OpCode.MoveConst, frame, _g.AddConstant(id));
        for (var i = 0; i < holes.Length; i++) CompileTo(holes[i].Body, frame + 1 + i);
        Emit(OpCode.CallExt, frame, 1 + holes.Length, _g.AddExternal(MacroExternals.Quote));
        EmitMove(dest, frame, 1);
    }
}
