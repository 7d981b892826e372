using System.Collections.Immutable;
using System.Globalization;
using Mimium.Syntax.Ast;
using Mimium.Syntax.Diagnostics;
using Mimium.Syntax.Lexing;

namespace Mimium.Syntax.Parsing;

public static partial class Parser
{
    private sealed partial class Session
    {
        private Expr ParseExpr() => ParseBinary(1);

        /// <summary>
        /// Precedence climbing. Line breaks need no handling here: an infix operator at the start
        /// of the next line or at the end of this one continues the expression, and any other
        /// token ends it anyway.
        /// </summary>
        private Expr ParseBinary(int minPrecedence)
        {
            using var guard = Nest();
            var lhs = ParsePrefix();
            var depth = _depth;
            while (InfixPrecedence(Kind) is var precedence && precedence >= minPrecedence && precedence > 0)
            {
                var op = Advance();
                DeepenChain();
                var rhs = ParseBinary(precedence + 1);
                lhs = MakeBinary(op, lhs, rhs);
            }
            _depth = depth;
            return lhs;
        }

        /// <summary>Prefix operators bind tighter than any infix one and apply to a postfix expression.</summary>
        private Expr ParsePrefix()
        {
            if (Kind is not (TokenKind.Minus or TokenKind.Plus or TokenKind.Backquote or TokenKind.Dollar))
                return ParsePostfix();
            using var guard = Nest();
            switch (Kind)
            {
                case TokenKind.Minus or TokenKind.Plus:
                {
                    var op = Advance();
                    CheckAdjacentOperators(op);
                    var operand = ParsePrefix();
                    var span = SpanFrom(op.Span);
                    return op.Kind == TokenKind.Minus
                        ? new CallExpr(new VarRef("sub", op.Span), [new NumberLit(0, op.Span), operand], span)
                        // mimium accepts unary plus but lowers it to a one-argument `add`.
                        : new CallExpr(new VarRef("add", op.Span), [operand], span);
                }
                case TokenKind.Backquote:
                {
                    var quote = Advance();
                    var body = At(TokenKind.OpenBrace) ? ParseBlock() : ParseExpr();
                    return new QuoteExpr(body, SpanFrom(quote.Span));
                }
                default:
                {
                    var dollar = Advance();
                    var body = ParsePrefix();
                    return new SpliceExpr(body, SpanFrom(dollar.Span));
                }
            }
        }

        private void CheckAdjacentOperators(Token op)
        {
            if (op.PrecededBySpace || _pos < 2) return;
            var before = _tokens[_pos - 2].Kind;
            if (before is TokenKind.Plus or TokenKind.Minus or TokenKind.Star or TokenKind.Slash or TokenKind.Percent or TokenKind.Caret)
            {
                // The tree is still well formed, so this is reported without entering panic mode.
                _diags.Error(ErrorCodes.AdjacentOperators,
                    $"consecutive operators without whitespace are not allowed: write '{_tokens[_pos - 2].Text} {op.Text}'",
                    _tokens[_pos - 2].Span.To(op.Span));
            }
        }

        /// <summary>Calls, projections, field access and indexing; none of them crosses a line break.</summary>
        private Expr ParsePostfix()
        {
            var expr = ParsePrimary();
            var depth = _depth;
            while (!AtLineStart)
            {
                if (At(TokenKind.OpenParen))
                {
                    var args = ParseArguments();
                    expr = new CallExpr(expr, args, SpanFrom(expr.Span));
                }
                else if (At(TokenKind.Dot))
                {
                    expr = ParseMemberAccess(expr);
                }
                else if (At(TokenKind.OpenBracket))
                {
                    var start = Current.Span;
                    SkipBalanced();
                    Unsupported("arrays (indexing with '[...]') are", SpanFrom(start));
                }
                else
                {
                    break;
                }
                DeepenChain();
            }
            _depth = depth;
            return expr;
        }

        private Expr ParseMemberAccess(Expr target)
        {
            Advance();
            if (At(TokenKind.NumberLiteral))
            {
                var index = Advance();
                if (int.TryParse(index.Text, NumberStyles.None, CultureInfo.InvariantCulture, out var i))
                    return new ProjExpr(target, i, SpanFrom(target.Span));
                Error(ErrorCodes.UnexpectedToken, $"invalid tuple index '{index.Text}'", index.Span);
                return ErrorExpr(SpanFrom(target.Span));
            }
            if (At(TokenKind.Identifier))
            {
                var name = Advance();
                return new FieldExpr(target, name.Text, SpanFrom(target.Span));
            }
            ErrorExpected("a field name or tuple index", "after '.'");
            return ErrorExpr(SpanFrom(target.Span));
        }

        /// <summary>`( e1, e2, … )` with an optional trailing comma; the current token is `(`.</summary>
        private ImmutableArray<Expr> ParseArguments()
        {
            Advance();
            var args = ImmutableArray.CreateBuilder<Expr>();
            while (!At(TokenKind.CloseParen) && !AtEnd)
            {
                args.Add(ParseExpr());
                if (!Accept(TokenKind.Comma)) break;
            }
            Expect(TokenKind.CloseParen, "to close the argument list");
            return args.ToImmutable();
        }

        private Expr ParsePrimary()
        {
            var token = Current;
            switch (token.Kind)
            {
                case TokenKind.NumberLiteral:
                    Advance();
                    return new NumberLit(double.Parse(token.Text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture), token.Span);
                case TokenKind.StringLiteral:
                    Advance();
                    return new StringLit(StringValue(token), token.Span);
                case TokenKind.Identifier:
                    return ParseNameOrMacroCall();
                case TokenKind.Underscore:
                    Advance();
                    return new VarRef("_", token.Span);
                case TokenKind.SelfKeyword:
                    Advance();
                    return new SelfExpr(token.Span);
                case TokenKind.NowKeyword:
                    Advance();
                    return new NowExpr(token.Span);
                case TokenKind.SampleRateKeyword:
                    Advance();
                    return new SampleRateExpr(token.Span);
                case TokenKind.Bar:
                    return ParseLambda();
                case TokenKind.BarBar:
                    Error(ErrorCodes.UnexpectedToken, "'||' is the 'or' operator; write a lambda without parameters as '| |'", token.Span);
                    return ParseLambda();
                case TokenKind.OpenParen:
                    return ParseParenthesized();
                case TokenKind.OpenBrace:
                    return IsRecordLiteral() ? SkipUnsupported("records are") : ParseBlock();
                case TokenKind.IfKeyword:
                    return ParseIf();
                case TokenKind.MatchKeyword:
                    return SkipMatch();
                case TokenKind.OpenBracket:
                    return SkipUnsupported("arrays are");
                default:
                    ErrorExpected("an expression");
                    return ErrorExpr(token.Span);
            }
        }

        /// <summary>A variable, a qualified path `a::b`, or a macro call `name!(args)`.</summary>
        private Expr ParseNameOrMacroCall()
        {
            var first = Advance();
            var name = first.Text;
            while (At(TokenKind.ColonColon) && PeekKind(1) == TokenKind.Identifier)
            {
                Advance();
                name += "::" + Advance().Text;
            }
            if (At(TokenKind.Bang) && !AtLineStart)
            {
                Advance();
                if (!At(TokenKind.OpenParen))
                {
                    ErrorExpected("'('", $"after '{name}!'");
                    return ErrorExpr(SpanFrom(first.Span));
                }
                var args = ParseArguments();
                return new MacroCallExpr(name, args, SpanFrom(first.Span));
            }
            return new VarRef(name, SpanFrom(first.Span));
        }

        /// <summary>`(e)` is just e; `(a, b)` and `(a,)` are tuples. `()` is not an expression in mimium.</summary>
        private Expr ParseParenthesized()
        {
            var open = Advance();
            if (At(TokenKind.CloseParen))
            {
                Error(ErrorCodes.ExpectedToken, "expected an expression but found ')': '()' is not a value in mimium", Current.Span);
                Advance();
                return new TupleExpr([], SpanFrom(open.Span));
            }
            var first = ParseExpr();
            if (!At(TokenKind.Comma))
            {
                Expect(TokenKind.CloseParen, "to close '('");
                return first;
            }
            var elements = ImmutableArray.CreateBuilder<Expr>();
            elements.Add(first);
            while (Accept(TokenKind.Comma) && !At(TokenKind.CloseParen) && !AtEnd)
                elements.Add(ParseExpr());
            Expect(TokenKind.CloseParen, "to close the tuple");
            return new TupleExpr(elements.ToImmutable(), SpanFrom(open.Span));
        }

        /// <summary>`|a, b: T| -> R body`; the body extends as far right as possible.</summary>
        private Expr ParseLambda()
        {
            var open = Advance();
            var parameters = ImmutableArray.CreateBuilder<Param>();
            if (open.Kind == TokenKind.Bar)
            {
                while (!At(TokenKind.Bar) && !AtEnd)
                {
                    if (!At(TokenKind.Identifier) && !At(TokenKind.Underscore))
                    {
                        ErrorExpected("a parameter name", "in lambda");
                        break;
                    }
                    var name = Advance();
                    var type = Accept(TokenKind.Colon) ? ParseType(allowUnion: false) : null;
                    if (At(TokenKind.Equal))
                    {
                        Error(ErrorCodes.UnexpectedToken, "lambdas cannot have default parameter values", Current.Span);
                        break;
                    }
                    parameters.Add(new Param(name.Text, type, SpanFrom(name.Span)));
                    if (!Accept(TokenKind.Comma)) break;
                }
                Expect(TokenKind.Bar, "to close the lambda parameters");
            }
            var returnType = Accept(TokenKind.Arrow) ? ParseType() : null;
            var body = At(TokenKind.OpenBrace) ? ParseBlock() : ParseExpr();
            return new LambdaExpr(parameters.ToImmutable(), returnType, body, SpanFrom(open.Span));
        }

        /// <summary>
        /// `if cond then [else else]`. As in mimium the condition is a full expression, so
        /// `if (c) (x)` reads `(c)(x)` as a call; branches are blocks or expressions.
        /// </summary>
        private Expr ParseIf()
        {
            using var guard = Nest();
            var ifToken = Advance();
            var condition = ParseExpr();
            var then = ParseBranch();
            Expr? otherwise = null;
            if (Accept(TokenKind.ElseKeyword))
                otherwise = At(TokenKind.IfKeyword) ? ParseIf() : ParseBranch();
            return new IfExpr(condition, then, otherwise, SpanFrom(ifToken.Span));
        }

        private Expr ParseBranch() => At(TokenKind.OpenBrace) ? ParseBlock() : ParseExpr();

        /// <summary>mimium reads `{ name = …`, `{ name <- …` and `{ ..` as record literals, not blocks.</summary>
        private bool IsRecordLiteral() =>
            PeekKind(1) == TokenKind.DotDot
            || (PeekKind(1) == TokenKind.Identifier && PeekKind(2) is TokenKind.Equal or TokenKind.LeftArrow);

        private Expr SkipUnsupported(string what)
        {
            var start = Current.Span;
            SkipBalanced();
            var span = SpanFrom(start);
            Unsupported(what, span);
            return ErrorExpr(span);
        }

        private Expr SkipMatch()
        {
            var start = Current.Span;
            Advance();
            while (!AtEnd && !At(TokenKind.OpenBrace)) Advance();
            if (At(TokenKind.OpenBrace)) SkipBalanced();
            var span = SpanFrom(start);
            Unsupported("'match' expressions are", span);
            return ErrorExpr(span);
        }
    }
}
