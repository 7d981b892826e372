using System.Collections.Immutable;

namespace Mimium.Syntax.Ast;

/// <summary>
/// Rebuilds a tree bottom-up; every node of the result is a fresh instance, so a template can be
/// instantiated many times without sharing nodes (phases key side tables by node reference).
/// Override <see cref="Replace"/> to substitute nodes.
/// </summary>
public class AstRewriter
{
    /// <summary>Returns a replacement for <paramref name="e"/>, or null to rebuild it normally.</summary>
    protected virtual Expr? Replace(Expr e) => null;

    public Expr Rewrite(Expr e)
    {
        var r = Replace(e);
        if (r is not null) return r;
        return e switch
        {
            TupleExpr t => t with { Elements = Map(t.Elements) },
            ProjExpr p => p with { Target = Rewrite(p.Target) },
            FieldExpr f => f with { Target = Rewrite(f.Target) },
            CallExpr c => c with { Callee = Rewrite(c.Callee), Args = Map(c.Args) },
            LambdaExpr l => l with { Body = Rewrite(l.Body) },
            IfExpr i => i with { Condition = Rewrite(i.Condition), Then = Rewrite(i.Then), Else = i.Else is null ? null : Rewrite(i.Else) },
            BlockExpr b => b with { Statements = b.Statements.Select(Rewrite).ToImmutableArray() },
            QuoteExpr q => q with { Body = Rewrite(q.Body) },
            SpliceExpr s => s with { Body = Rewrite(s.Body) },
            MacroCallExpr m => m with { Args = Map(m.Args) },
            // Leaves: `with {}` yields a distinct instance.
            _ => e with { },
        };
    }

    public Stmt Rewrite(Stmt s) => s switch
    {
        LetStmt l => l with { Value = Rewrite(l.Value) },
        LetRecStmt l => l with { Value = Rewrite(l.Value) },
        FnDecl f => f with { Body = Rewrite(f.Body) },
        AssignStmt a => a with { Target = (VarRef)Rewrite(a.Target), Value = Rewrite(a.Value) },
        ExprStmt x => x with { Expr = Rewrite(x.Expr) },
        _ => s with { },
    };

    private ImmutableArray<Expr> Map(ImmutableArray<Expr> xs) => xs.Select(Rewrite).ToImmutableArray();
}
