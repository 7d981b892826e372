using Mimium.Syntax.Ast;
using Mimium.Types;

namespace Mimium.Compiler.CodeGen;

/// <summary>
/// The outer locals a lambda (or any function nested in it) refers to, in order of first use:
/// these become the lambda's upvalues. Inside quotes only the holes are code of this stage.
/// </summary>
internal static class FreeVariables
{
    public static IReadOnlyList<Symbol> Of(LambdaExpr lambda, TypeCheckResult types)
    {
        var inner = new HashSet<Node>(ReferenceEqualityComparer.Instance);
        var found = new List<Symbol>();
        inner.Add(lambda);
        Visit(lambda.Body);
        return found;

        void Visit(Expr root)
        {
            foreach (var e in AstChildren.Descendants(root, x => x is QuoteExpr))
            {
                switch (e)
                {
                    case LambdaExpr l: inner.Add(l); break;
                    case VarRef v when types.References.TryGetValue(v, out var s)
                        && s.Kind == SymbolKind.Local && (s.Owner is null || !inner.Contains(s.Owner)) && !found.Contains(s):
                        found.Add(s);
                        break;
                    case QuoteExpr q:
                        foreach (var hole in QuoteHoles.Find(q.Body)) Visit(hole.Body);
                        break;
                }
            }
        }
    }
}

/// <summary>The splices directly inside a quote body, in evaluation order.</summary>
internal static class QuoteHoles
{
    public static IEnumerable<SpliceExpr> Find(Expr body) =>
        AstChildren.Descendants(body, e => e is SpliceExpr or QuoteExpr).OfType<SpliceExpr>();
}
