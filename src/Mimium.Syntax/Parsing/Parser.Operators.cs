using Mimium.Syntax.Ast;
using Mimium.Syntax.Lexing;
using Mimium.Syntax.Text;

namespace Mimium.Syntax.Parsing;

public static partial class Parser
{
    /// <summary>
    /// Binding power of an infix operator (higher binds tighter; all are left-associative),
    /// or 0 when the token is not one. Mirrors mimium-rs, whose table differs from its EBNF
    /// document (`@` tightest, `^` left-associative).
    /// </summary>
    internal static int InfixPrecedence(TokenKind kind) => kind switch
    {
        TokenKind.Pipe or TokenKind.MacroPipe => 2,
        TokenKind.BarBar => 3,
        TokenKind.AmpAmp => 4,
        TokenKind.EqualEqual or TokenKind.BangEqual => 5,
        TokenKind.Less or TokenKind.LessEqual or TokenKind.Greater or TokenKind.GreaterEqual => 6,
        TokenKind.Plus or TokenKind.Minus => 7,
        TokenKind.Star or TokenKind.Slash or TokenKind.Percent => 8,
        TokenKind.Caret => 9,
        TokenKind.At => 10,
        _ => 0,
    };

    /// <summary>The builtin an arithmetic/logic operator desugars to.</summary>
    private static string BuiltinName(TokenKind kind) => kind switch
    {
        TokenKind.Plus => "add",
        TokenKind.Minus => "sub",
        TokenKind.Star => "mult",
        TokenKind.Slash => "div",
        TokenKind.Percent => "modulo",
        TokenKind.Caret => "pow",
        TokenKind.Greater => "gt",
        TokenKind.Less => "lt",
        TokenKind.GreaterEqual => "ge",
        TokenKind.LessEqual => "le",
        TokenKind.EqualEqual => "eq",
        TokenKind.BangEqual => "ne",
        TokenKind.AmpAmp => "and",
        TokenKind.BarBar => "or",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "not a builtin operator"),
    };

    private static Expr MakeBinary(Token op, Expr lhs, Expr rhs)
    {
        var span = lhs.Span.To(rhs.Span);
        return op.Kind switch
        {
            TokenKind.Pipe => new CallExpr(rhs, [lhs], span, IsPipe: true),
            TokenKind.MacroPipe => MakeMacroPipe(lhs, rhs, span),
            // The scheduler takes the time first: `f @ t` is `_mimium_schedule_at(t, f)`.
            TokenKind.At => new CallExpr(new VarRef("_mimium_schedule_at", op.Span), [rhs, lhs], span),
            _ => new CallExpr(new VarRef(BuiltinName(op.Kind), op.Span), [lhs, rhs], span),
        };
    }

    /// <summary>
    /// `a ||> g(x, _)` substitutes `a` for the placeholder at parse time, which is what the
    /// reference's macro-lambda expansion amounts to. Only a placeholder that is a direct argument
    /// of the right-hand call counts (operators are calls too); without one it is plain application.
    /// </summary>
    private static Expr MakeMacroPipe(Expr arg, Expr rhs, Span span)
    {
        if (rhs is CallExpr call)
        {
            var index = -1;
            for (var i = 0; i < call.Args.Length; i++)
            {
                if (!IsPlaceholder(call.Args[i])) continue;
                // With several placeholders the reference builds a multi-parameter macro that a
                // single piped value cannot satisfy; substituting the first keeps the rest visible
                // to later phases as unbound `_`.
                index = i;
                break;
            }
            if (index >= 0) return call with { Args = call.Args.SetItem(index, arg), Span = span };
        }
        return new CallExpr(rhs, [arg], span, IsPipe: true);
    }

    private static bool IsPlaceholder(Expr e) => e is VarRef { Name: "_" };
}
