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
    public static List<SpliceExpr> Collect(IEnumerable<Stmt> statements) =>
        statements.SelectMany(AstChildren.Of)
            .SelectMany(e => AstChildren.Descendants(e, x => x is SpliceExpr or QuoteExpr))
            .OfType<SpliceExpr>()
            .ToList();
}
