using Mimium.Syntax.Ast;
using Mimium.Syntax.Diagnostics;

namespace Mimium.Types;

public sealed partial class TypeChecker
{
    /// <summary>
    /// A quote is a code template: its own contents are checked after expansion, like hand-written
    /// code, while its splices (holes) run now, in the macro stage, and must yield code.
    /// Variables of the macro stage used in the template without a splice are stage errors.
    /// </summary>
    private MType CheckQuote(QuoteExpr q)
    {
        if (_options.Stage != 0)
        {
            Diags.Error(ErrorCodes.StageMismatch, "a quote (`) can only be evaluated in the macro stage", q.Span);
            return new CodeMType(Fresh());
        }
        var bound = new Stack<HashSet<string>>();
        bound.Push(new HashSet<string>());
        WalkTemplate(q.Body, bound);
        return new CodeMType(Fresh());
    }

    private void WalkTemplate(Expr e, Stack<HashSet<string>> bound)
    {
        switch (e)
        {
            case SpliceExpr s:
                var t = CheckExpr(s.Body);
                if (t.Prune() is not (CodeMType or TypeVar or PrimType { Kind: PrimKind.Unit }))
                    Diags.Error(ErrorCodes.NotCode, $"a splice needs code (`T) but this has type {t}", s.Body.Span);
                else if (t.Prune() is TypeVar)
                    Unify(new CodeMType(Fresh()), t, s.Body.Span, "splice");
                break;
            case QuoteExpr nested:
                Diags.Error(ErrorCodes.Unsupported, "quotes nested inside a quote are not supported", nested.Span);
                break;
            case VarRef v:
                if (bound.Any(b => b.Contains(v.Name))) break;
                var sym = _scope.Lookup(v.Name);
                if (sym is { Kind: not SymbolKind.Builtin })
                    Diags.Error(ErrorCodes.StageMismatch, $"Variable {v.Name} is defined in stage 0 but accessed from stage 1", v.Span);
                break;
            case TupleExpr tu: foreach (var x in tu.Elements) WalkTemplate(x, bound); break;
            case ProjExpr p: WalkTemplate(p.Target, bound); break;
            case FieldExpr f: WalkTemplate(f.Target, bound); break;
            case CallExpr c:
                WalkTemplate(c.Callee, bound);
                foreach (var a in c.Args) WalkTemplate(a, bound);
                break;
            case MacroCallExpr m:
                foreach (var a in m.Args) WalkTemplate(a, bound);
                break;
            case LambdaExpr l:
                bound.Push(l.Params.Select(p => p.Name).ToHashSet());
                WalkTemplate(l.Body, bound);
                bound.Pop();
                break;
            case IfExpr i:
                WalkTemplate(i.Condition, bound);
                WalkTemplate(i.Then, bound);
                if (i.Else is not null) WalkTemplate(i.Else, bound);
                break;
            case BlockExpr b:
                bound.Push(new HashSet<string>());
                foreach (var s in b.Statements) WalkTemplateStmt(s, bound);
                bound.Pop();
                break;
        }
    }

    private void WalkTemplateStmt(Stmt s, Stack<HashSet<string>> bound)
    {
        switch (s)
        {
            case LetStmt l:
                WalkTemplate(l.Value, bound);
                foreach (var n in PatternNames(l.Pattern)) bound.Peek().Add(n);
                break;
            case LetRecStmt r:
                bound.Peek().Add(r.Name);
                WalkTemplate(r.Value, bound);
                break;
            case FnDecl f:
                bound.Peek().Add(f.Name);
                bound.Push(f.Params.Select(p => p.Name).ToHashSet());
                WalkTemplate(f.Body, bound);
                bound.Pop();
                break;
            case AssignStmt a:
                WalkTemplate(a.Target, bound);
                WalkTemplate(a.Value, bound);
                break;
            case ExprStmt x: WalkTemplate(x.Expr, bound); break;
        }
    }

    public static IEnumerable<string> PatternNames(Pattern p) => p switch
    {
        VarPattern v => new[] { v.Name },
        TuplePattern t => t.Elements.SelectMany(PatternNames),
        _ => Array.Empty<string>(),
    };
}
