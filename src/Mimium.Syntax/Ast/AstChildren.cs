namespace Mimium.Syntax.Ast;

/// <summary>
/// The direct child expressions of a node, in evaluation order: the one traversal the analyses
/// (free variables, splice sites, `self` use, state) share instead of each walking the tree.
/// </summary>
public static class AstChildren
{
    public static IEnumerable<Expr> Of(Expr e) => e switch
    {
        TupleExpr t => t.Elements,
        ProjExpr p => new[] { p.Target },
        FieldExpr f => new[] { f.Target },
        CallExpr c => c.Args.Prepend(c.Callee),
        LambdaExpr l => new[] { l.Body },
        IfExpr i => i.Else is null ? new[] { i.Condition, i.Then } : new[] { i.Condition, i.Then, i.Else },
        BlockExpr b => b.Statements.SelectMany(Of),
        QuoteExpr q => new[] { q.Body },
        SpliceExpr s => new[] { s.Body },
        MacroCallExpr m => m.Args,
        _ => Array.Empty<Expr>(),
    };

    public static IEnumerable<Expr> Of(Stmt s) => s switch
    {
        LetStmt l => new[] { l.Value },
        LetRecStmt r => new[] { r.Value },
        FnDecl f => new[] { f.Body },
        AssignStmt a => new Expr[] { a.Target, a.Value },
        ExprStmt x => new[] { x.Expr },
        _ => Array.Empty<Expr>(),
    };

    /// <summary>
    /// Every expression under <paramref name="root"/> (itself included), depth first, not entering
    /// the children of nodes <paramref name="stopAt"/> accepts (the root included).
    /// </summary>
    public static IEnumerable<Expr> Descendants(Expr root, Func<Expr, bool>? stopAt = null)
    {
        var stack = new Stack<Expr>();
        stack.Push(root);
        while (stack.Count > 0)
        {
            var e = stack.Pop();
            yield return e;
            if (stopAt is not null && stopAt(e)) continue;
            foreach (var child in Of(e).Reverse()) stack.Push(child);
        }
    }
}
