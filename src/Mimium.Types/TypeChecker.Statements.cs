using System.Collections.Immutable;
using Mimium.Syntax.Ast;
using Mimium.Syntax.Diagnostics;

namespace Mimium.Types;

public sealed partial class TypeChecker
{
    private void CheckFnDecl(FnDecl fn)
    {
        _level++;
        var self = Fresh();
        // Bound before the body so the function can call itself (monomorphically inside).
        var sym = Declare(fn.Name, SymbolKind.Function, fn, Scheme.Mono(self));
        var ft = CheckFunction(fn, fn.Params, fn.ReturnType, fn.Body);
        Unify(self, ft, fn.NameSpan);
        _level--;
        sym.Scheme = Generalize(ft);
    }

    private void CheckLet(LetStmt let, bool topLevel)
    {
        // A `let` binds one closure value, made once with its own state, so it is not generalised
        // (a value restriction): using it at two types is a type error rather than wrong code.
        // Generic functions are written with `fn`.
        var generalize = false;
        if (generalize) _level++;
        var vt = CheckExpr(let.Value);
        if (let.Type is not null) Unify(ResolveAnnotation(let.Type, new()), vt, let.Value.Span, "let annotation");
        if (generalize)
        {
            _level--;
            var p = (VarPattern)let.Pattern;
            Declare(p.Name, SymbolKind.Global, p, Generalize(vt));
            return;
        }
        BindPattern(let.Pattern, vt, topLevel ? SymbolKind.Global : SymbolKind.Local);
    }

    private void CheckLetRec(LetRecStmt letrec, bool topLevel)
    {
        var t = Fresh();
        if (letrec.Type is not null) Unify(ResolveAnnotation(letrec.Type, new()), t, letrec.Span, "letrec annotation");
        Declare(letrec.Name, topLevel ? SymbolKind.Global : SymbolKind.Local, letrec, Scheme.Mono(t));
        var vt = CheckExpr(letrec.Value);
        Unify(t, vt, letrec.Value.Span);
    }

    private void BindPattern(Pattern pattern, MType t, SymbolKind kind)
    {
        switch (pattern)
        {
            case VarPattern v:
                Declare(v.Name, kind, v, Scheme.Mono(t));
                break;
            case WildcardPattern:
                break;
            case TuplePattern tp:
            {
                var elems = tp.Elements.Select(_ => (MType)Fresh()).ToImmutableArray();
                if (!Unify(new TupleMType(elems), t, tp.Span, "tuple pattern")) elems = tp.Elements.Select(_ => (MType)Fresh()).ToImmutableArray();
                for (var i = 0; i < tp.Elements.Length; i++) BindPattern(tp.Elements[i], elems[i], kind);
                break;
            }
        }
    }

    /// <summary>Checks a statement inside a block or at top level (non-declaration forms).</summary>
    private void CheckStatement(Stmt stmt)
    {
        switch (stmt)
        {
            case LetStmt let: CheckLet(let, topLevel: false); break;
            case LetRecStmt letrec: CheckLetRec(letrec, topLevel: false); break;
            case AssignStmt assign: CheckAssign(assign); break;
            case ExprStmt es: CheckExpr(es.Expr); break;
            case FnDecl fn:
                Diags.Error(ErrorCodes.Unsupported, "`fn` is only allowed at the top level; use `let f = |…| …` inside blocks", fn.NameSpan);
                break;
            case StageStmt st:
                Diags.Error(ErrorCodes.Unsupported, "#stage is only allowed at the top level", st.Span);
                break;
        }
    }

    private void CheckAssign(AssignStmt assign)
    {
        var vt = CheckExpr(assign.Value);
        var sym = LookupVar(assign.Target);
        if (sym is null) return;
        if (sym.Kind is SymbolKind.Builtin or SymbolKind.Function)
        {
            Diags.Error(ErrorCodes.InvalidAssignmentTargetType, $"cannot assign to `{sym.Name}`: it is a function, not a variable", assign.Target.Span);
            return;
        }
        sym.IsAssigned = true;
        _result.Assignments[assign] = sym;
        Unify(sym.Type, vt, assign.Value.Span, "assignment");
    }
}
