using Mimium.Syntax.Ast;

namespace Mimium.Types;

/// <summary>Finds `self` in a function body, not descending into nested lambdas (they have their own).</summary>
public static class SelfFinder
{
    public static bool Uses(Expr body) => AstChildren.Descendants(body, e => e is LambdaExpr).Any(e => e is SelfExpr);
}
