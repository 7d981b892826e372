using System.Collections.Immutable;
using Mimium.Syntax.Ast;
using Mimium.Syntax.Lexing;

namespace Mimium.Syntax.Parsing;

public static partial class Parser
{
    private sealed partial class Session
    {
        /// <summary>
        /// `float` `int` `string`, a type variable or name, `(T, U)`, `()`, `(T) -> R`, `` `T ``.
        /// Function types always have parentheses, so `(T)` without `->` is just T.
        /// Union types `T | U` are recognised only to be reported; <paramref name="allowUnion"/>
        /// is false where a `|` closes lambda parameters.
        /// </summary>
        private TypeExpr ParseType(bool allowUnion = true)
        {
            using var guard = Nest();
            var type = ParseTypePrimary();
            if (!allowUnion || !IsUnionBar()) return type;
            while (IsUnionBar())
            {
                Advance();
                ParseTypePrimary();
            }
            var span = SpanFrom(type.Span);
            Unsupported("union types are", span);
            return new NamedType("<error>", span);
        }

        /// <summary>Whether a `|` continues a union type; the same lookahead mimium uses.</summary>
        private bool IsUnionBar()
        {
            if (!At(TokenKind.Bar)) return false;
            return PeekKind(1) switch
            {
                TokenKind.FloatKeyword or TokenKind.IntKeyword or TokenKind.StringKeyword
                    or TokenKind.OpenParen or TokenKind.OpenBracket or TokenKind.Backquote => true,
                TokenKind.OpenBrace => PeekKind(2) == TokenKind.Identifier && PeekKind(3) == TokenKind.Colon,
                TokenKind.Identifier => PeekKind(2) is TokenKind.Bar or TokenKind.Comma or TokenKind.CloseParen
                    or TokenKind.CloseBrace or TokenKind.CloseBracket or TokenKind.Arrow or TokenKind.EndOfFile,
                _ => false,
            };
        }

        private TypeExpr ParseTypePrimary()
        {
            var token = Current;
            switch (token.Kind)
            {
                case TokenKind.FloatKeyword or TokenKind.IntKeyword or TokenKind.StringKeyword:
                    Advance();
                    return new NamedType(token.Text, token.Span);
                case TokenKind.Identifier:
                {
                    Advance();
                    var name = token.Text;
                    while (At(TokenKind.ColonColon) && PeekKind(1) == TokenKind.Identifier)
                    {
                        Advance();
                        name += "::" + Advance().Text;
                    }
                    return new NamedType(name, SpanFrom(token.Span));
                }
                case TokenKind.Backquote:
                    Advance();
                    return new CodeType(ParseType(), SpanFrom(token.Span));
                case TokenKind.OpenParen:
                    return ParseParenthesizedType();
                case TokenKind.OpenBrace:
                    return SkipUnsupportedType("record types are");
                case TokenKind.OpenBracket:
                    return SkipUnsupportedType("array types are");
                default:
                    ErrorExpected("a type");
                    return new NamedType("<error>", token.Span);
            }
        }

        private TypeExpr ParseParenthesizedType()
        {
            var open = Advance();
            var elements = ImmutableArray.CreateBuilder<TypeExpr>();
            var trailingComma = false;
            while (!At(TokenKind.CloseParen) && !AtEnd)
            {
                elements.Add(ParseType());
                trailingComma = Accept(TokenKind.Comma);
                if (!trailingComma) break;
            }
            Expect(TokenKind.CloseParen, "to close the type");
            if (Accept(TokenKind.Arrow))
            {
                var result = ParseType();
                return new FunctionType(elements.ToImmutable(), result, SpanFrom(open.Span));
            }
            if (elements.Count == 1 && !trailingComma) return elements[0];
            return new TupleType(elements.ToImmutable(), SpanFrom(open.Span));
        }

        private TypeExpr SkipUnsupportedType(string what)
        {
            var start = Current.Span;
            SkipBalanced();
            var span = SpanFrom(start);
            Unsupported(what, span);
            return new NamedType("<error>", span);
        }

        /// <summary>`name`, `_`, or a tuple pattern `(a, (b, c), _)`.</summary>
        private Pattern ParsePattern()
        {
            using var guard = Nest();
            var token = Current;
            switch (token.Kind)
            {
                case TokenKind.Identifier:
                    Advance();
                    return new VarPattern(token.Text, token.Span);
                case TokenKind.Underscore:
                    Advance();
                    return new WildcardPattern(token.Span);
                case TokenKind.OpenParen:
                {
                    Advance();
                    var elements = ImmutableArray.CreateBuilder<Pattern>();
                    var trailingComma = false;
                    while (!At(TokenKind.CloseParen) && !AtEnd)
                    {
                        elements.Add(ParsePattern());
                        trailingComma = Accept(TokenKind.Comma);
                        if (!trailingComma) break;
                    }
                    Expect(TokenKind.CloseParen, "to close the tuple pattern");
                    if (elements.Count == 1 && !trailingComma) return elements[0];
                    return new TuplePattern(elements.ToImmutable(), SpanFrom(token.Span));
                }
                case TokenKind.OpenBrace:
                {
                    SkipBalanced();
                    var span = SpanFrom(token.Span);
                    Unsupported("record patterns are", span);
                    return new WildcardPattern(span);
                }
                default:
                    ErrorExpected("a pattern (a name, '_' or a tuple pattern)");
                    return new WildcardPattern(token.Span);
            }
        }
    }
}
