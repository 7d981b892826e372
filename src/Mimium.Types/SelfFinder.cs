using Mimium.Syntax.Ast;

namespace Mimium.Types;

/// <summary>Finds `self` in a function body, not descending into nested lambdas (they have their own).</summary>
public static class SelfFinder
{
    public static bool Uses(Expr body) => Visit(body);

    private static bool Visit(Expr e) => e switch
    {
        SelfExpr => true,
        LambdaExpr => false,
        TupleExpr t => t.Elements.Any(Visit),
        ProjExpr p => Visit(p.Target),
        FieldExpr f => Visit(f.Target),
        CallExpr c => Visit(c.Callee) || c.Args.Any(Visit),
        IfExpr i => Visit(i.Condition) || Visit(i.Then) || (i.Else is not null && Visit(i.Else)),
        BlockExpr b => b.Statements.Any(VisitStmt),
        _ => false,
    };

    private static bool VisitStmt(Stmt s) => s switch
    {
        LetStmt l => Visit(l.Value),
        LetRecStmt l => Visit(l.Value),
        AssignStmt a => Visit(a.Value),
        ExprStmt x => Visit(x.Expr),
        _ => false,
    };
}
