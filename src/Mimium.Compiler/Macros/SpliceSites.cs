using System.Collections.Immutable;
using Mimium.Syntax.Ast;

namespace Mimium.Compiler.Macros;

/// <summary>Rewrites `name!(args)` into `$(name(args))`, the one form the expander handles.</summary>
internal sealed class MacroCallDesugarer : AstRewriter
{
    protected override Expr? Replace(Expr e) => e is MacroCallExpr m
        ? new SpliceExpr(new CallExpr(new VarRef(m.Name, m.Span), m.Args.Select(Rewrite).ToImmutableArray(), m.Span), m.Span)
        : null;
}

/// <summary>Replaces given nodes (by reference) with fresh copies of code values.</summary>
internal sealed class SpliceSubstituter(IReadOnlyDictionary<Expr, Expr> replacements) : AstRewriter
{
    protected override Expr? Replace(Expr e) =>
        replacements.TryGetValue(e, out var code) ? new AstRewriter().Rewrite(code) : null;
}

/// <summary>Finds the splices of main-stage code, outermost first, in source order.</summary>
internal static class SpliceSites
{
    public static List<SpliceExpr> Collect(IEnumerable<Stmt> statements)
    {
        var acc = new List<SpliceExpr>();
        foreach (var s in statements) VisitStmt(s, acc);
        return acc;
    }

    private static void VisitStmt(Stmt s, List<SpliceExpr> acc)
    {
        switch (s)
        {
            case LetStmt l: Visit(l.Value, acc); break;
            case LetRecStmt l: Visit(l.Value, acc); break;
            case FnDecl f: Visit(f.Body, acc); break;
            case AssignStmt a: Visit(a.Value, acc); break;
            case ExprStmt x: Visit(x.Expr, acc); break;
        }
    }

    private static void Visit(Expr e, List<SpliceExpr> acc)
    {
        switch (e)
        {
            case SpliceExpr s: acc.Add(s); break;
            case TupleExpr t: foreach (var x in t.Elements) Visit(x, acc); break;
            case ProjExpr p: Visit(p.Target, acc); break;
            case FieldExpr f: Visit(f.Target, acc); break;
            case CallExpr c:
                Visit(c.Callee, acc);
                foreach (var a in c.Args) Visit(a, acc);
                break;
            case LambdaExpr l: Visit(l.Body, acc); break;
            case IfExpr i:
                Visit(i.Condition, acc);
                Visit(i.Then, acc);
                if (i.Else is not null) Visit(i.Else, acc);
                break;
            case BlockExpr b: foreach (var s in b.Statements) VisitStmt(s, acc); break;
        }
    }
}
