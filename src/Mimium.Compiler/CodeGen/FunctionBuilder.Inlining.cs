using Mimium.Runtime.Bytecode;
using Mimium.Runtime.State;
using Mimium.Syntax.Ast;
using Mimium.Syntax.Diagnostics;
using Mimium.Types;

namespace Mimium.Compiler.CodeGen;

/// <summary>
/// Inlining of small leaf functions at their call sites. The state layout is exactly what a CALL
/// would give (the call's FnCall node, with the callee's nodes inside in the same order), so
/// skeletons, live-coding diffs and results are unchanged; only the call overhead goes.
/// </summary>
internal sealed partial class FunctionBuilder
{
    private const int MaxInlineNodes = 48;
    private const int MaxInlineInstructions = 48;
    private const int MaxInlineDepth = 4;

    private bool CanInline(FnDecl fn, FunctionInstance inst, CallExpr call)
    {
        if (inst.Proto is null || _inlineDepth >= MaxInlineDepth) return false;
        if (inst.Proto.Code.Length > MaxInlineInstructions) return false;
        if (call.Args.Sum(WidthOf) != inst.Type.Parameters.Sum(TypeLayout.Width)) return false;
        var nodes = 0;
        return Small(fn.Body, fn.Name, ref nodes);
    }

    /// <summary>No nested functions or quotes, no self-reference, and few nodes.</summary>
    private static bool Small(Expr e, string self, ref int nodes)
    {
        if (++nodes > MaxInlineNodes) return false;
        switch (e)
        {
            case LambdaExpr or QuoteExpr or SpliceExpr or MacroCallExpr: return false;
            case VarRef v: return v.Name != self;
            case TupleExpr t:
                foreach (var x in t.Elements) if (!Small(x, self, ref nodes)) return false;
                return true;
            case ProjExpr p: return Small(p.Target, self, ref nodes);
            case CallExpr c:
                if (!Small(c.Callee, self, ref nodes)) return false;
                foreach (var a in c.Args) if (!Small(a, self, ref nodes)) return false;
                return true;
            case IfExpr i:
                return Small(i.Condition, self, ref nodes) && Small(i.Then, self, ref nodes) && (i.Else is null || Small(i.Else, self, ref nodes));
            case BlockExpr b:
                foreach (var st in b.Statements)
                {
                    var ok = st switch
                    {
                        LetStmt l => Small(l.Value, self, ref nodes),
                        ExprStmt x => Small(x.Expr, self, ref nodes),
                        AssignStmt a => Small(a.Value, self, ref nodes),
                        _ => false,
                    };
                    if (!ok) return false;
                }
                return true;
            case FieldExpr: return false;
            default: return true;
        }
    }

    private void Inline(FnDecl fn, FunctionInstance inst, CallExpr call, int dest, int resultWords)
    {
        var top = _top;
        // Each parameter gets its argument's register: an unassigned parameter passed a local is
        // just another name for it; anything else is evaluated into fresh registers.
        var paramRegs = new int[fn.Params.Length];
        if (call.Args.Length == fn.Params.Length)
        {
            for (var i = 0; i < call.Args.Length; i++)
            {
                var param = Types.Declarations[fn.Params[i]];
                if (!param.IsAssigned && call.Args[i] is VarRef v && Types.References.TryGetValue(v, out var argSym) && _locals.TryGetValue(argSym, out var reg))
                {
                    paramRegs[i] = reg;
                }
                else
                {
                    paramRegs[i] = Alloc(Math.Max(1, WidthOf(call.Args[i])));
                    CompileTo(call.Args[i], paramRegs[i]);
                }
            }
        }
        else
        {
            // A tuple spread over the parameters (`(a, b) |> f`): same words, one block.
            var block = Alloc(Math.Max(1, call.Args.Sum(WidthOf)));
            var at = block;
            foreach (var a in call.Args)
            {
                CompileTo(a, at);
                at += WidthOf(a);
            }
            for (var i = 0; i < fn.Params.Length; i++)
            {
                paramRegs[i] = block;
                block += TypeLayout.Width(inst.Type.Parameters[i]);
            }
        }
        _span = call.Span;

        var skeleton = inst.Proto!.Skeleton;
        var nodeOffset = _stateTop;
        if (skeleton.Size > 0)
            nodeOffset = AllocState(new StateNode(StateKind.FnCall, skeleton.Size, 0, skeleton.Children, fn.Name, ConstantFolding.Hint(call.Args)));
        var usesSelf = SelfFinder.Uses(fn.Body);

        var saved = (_subst, _selfBase, _stateTop, NodeCount: _stateNodes.Count);
        _subst = inst.Subst;
        _selfBase = nodeOffset;
        _stateTop = nodeOffset + (usesSelf ? resultWords : 0);
        _inlineDepth++;
        for (var i = 0; i < fn.Params.Length; i++) _locals[Types.Declarations[fn.Params[i]]] = paramRegs[i];

        CompileTo(fn.Body, dest);
        _span = call.Span;
        if (usesSelf)
        {
            ShiftTo(nodeOffset);
            if (_g.SelfMode == SelfMode.ZeroAtInit)
            {
                var old = Alloc(resultWords);
                Emit(OpCode.GetState, old, resultWords);
                Emit(OpCode.SetState, dest, resultWords);
                EmitMove(dest, old, resultWords);
            }
            else if (resultWords > 0)
            {
                Emit(OpCode.SetState, dest, resultWords);
            }
        }

        if (_stateTop != nodeOffset + skeleton.Size)
            Error(ErrorCodes.Unsupported, $"internal error: inlined `{fn.Name}` laid out {_stateTop - nodeOffset} state words instead of {skeleton.Size}", call.Span);
        _inlineDepth--;
        _stateNodes.RemoveRange(saved.NodeCount, _stateNodes.Count - saved.NodeCount);
        _subst = saved._subst;
        _selfBase = saved._selfBase;
        _stateTop = skeleton.Size > 0 ? nodeOffset + skeleton.Size : saved._stateTop;
        _top = top;
    }
}
