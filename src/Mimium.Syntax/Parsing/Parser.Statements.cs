using System.Collections.Immutable;
using Mimium.Syntax.Ast;
using Mimium.Syntax.Diagnostics;
using Mimium.Syntax.Lexing;

namespace Mimium.Syntax.Parsing;

public static partial class Parser
{
    private sealed partial class Session
    {
        public ImmutableArray<Stmt> ParseProgram()
        {
            var statements = ImmutableArray.CreateBuilder<Stmt>();
            while (!AtEnd)
            {
                if (At(TokenKind.CloseBrace))
                {
                    _diags.Error(ErrorCodes.UnexpectedToken, "unexpected '}' without a matching '{'", Current.Span);
                    Advance();
                    continue;
                }
                var start = _pos;
                try
                {
                    ParseStatementInList(statements, topLevel: true);
                }
                catch (TooDeepException e)
                {
                    _diags.Error(ErrorCodes.TooDeep, $"nesting too deep (more than {MaxDepth} levels)", e.Span);
                    _depth = 0;
                    _panicking = false;
                    SkipPastDeepStatement(start);
                }
            }
            return statements.ToImmutable();
        }

        public Expr? ParseStandaloneExpression()
        {
            if (AtEnd) return null;
            try
            {
                var expr = ParseExpr();
                if (!AtEnd) ErrorExpected("end of expression");
                return expr;
            }
            catch (TooDeepException e)
            {
                _diags.Error(ErrorCodes.TooDeep, $"nesting too deep (more than {MaxDepth} levels)", e.Span);
                return null;
            }
        }

        /// <summary>
        /// Parses one statement of a block or file, then checks its terminator and resynchronises
        /// after errors. Always consumes at least one token.
        /// </summary>
        private void ParseStatementInList(ImmutableArray<Stmt>.Builder statements, bool topLevel)
        {
            var start = _pos;
            var errorsBefore = _errorCount;
            _panicking = false;
            var stmt = ParseStatement(topLevel);
            if (stmt is not null) statements.Add(stmt);

            if (_errorCount > errorsBefore)
            {
                SyncToStatementEnd();
            }
            else if (!AtStatementEnd())
            {
                Error(ErrorCodes.MissingSeparator, $"expected newline or ';' after statement but found {TokenFacts.Describe(Current)}", Current.Span);
                SyncToStatementEnd();
            }
            _panicking = false;
            if (_pos == start) Advance();
        }

        // A statement that closes with `}` may be followed directly by another on the same line
        // (`fn a(){1} fn b(){2}`); anything else needs a line break or `;`.
        private bool AtStatementEnd() =>
            AtEnd || AtLineStart || At(TokenKind.CloseBrace) || (_pos > 0 && Previous.Kind == TokenKind.CloseBrace);

        private Stmt? ParseStatement(bool topLevel)
        {
            while (At(TokenKind.PubKeyword))
            {
                Unsupported("'pub' visibility is", Current.Span);
                Advance();
            }
            switch (Kind)
            {
                case TokenKind.FnKeyword or TokenKind.MacroKeyword:
                    if (!topLevel)
                        Error(ErrorCodes.MisplacedStatement, "functions can only be declared at top level; inside a block write 'let f = |…| …'", Current.Span);
                    return ParseFunction();
                case TokenKind.LetKeyword:
                    return ParseLet();
                case TokenKind.LetRecKeyword:
                    return ParseLetRec();
                case TokenKind.IncludeKeyword:
                    if (!topLevel)
                        Error(ErrorCodes.MisplacedStatement, "include(...) is only allowed at top level", Current.Span);
                    return ParseInclude();
                case TokenKind.Hash:
                    if (!topLevel)
                        Error(ErrorCodes.MisplacedStatement, "#stage(...) is only allowed at top level", Current.Span);
                    return ParseStage();
                case TokenKind.ModKeyword:
                    Unsupported("modules ('mod') are", Current.Span);
                    SkipUnsupportedStatement();
                    return null;
                case TokenKind.UseKeyword:
                    Unsupported("'use' imports are", Current.Span);
                    SkipUnsupportedStatement();
                    return null;
                case TokenKind.TypeKeyword:
                    Unsupported("type declarations are", Current.Span);
                    SkipUnsupportedStatement();
                    return null;
                default:
                    return ParseExpressionStatement();
            }
        }

        /// <summary>
        /// Skips an unsupported declaration: the rest of its line, bracketed groups included, and
        /// following lines that start with `|` or an infix operator (multi-line sum types).
        /// </summary>
        private void SkipUnsupportedStatement()
        {
            Advance();
            while (!AtEnd && !At(TokenKind.CloseBrace) && (!AtLineStart || At(TokenKind.Bar) || InfixPrecedence(Kind) > 0))
            {
                if (Kind is TokenKind.OpenParen or TokenKind.OpenBracket or TokenKind.OpenBrace) SkipBalanced();
                else Advance();
            }
        }

        private Stmt ParseExpressionStatement()
        {
            var expr = ParseExpr();
            if (!At(TokenKind.Equal)) return new ExprStmt(expr, expr.Span);

            var equal = Advance();
            var value = ParseExpr();
            var span = expr.Span.To(value.Span);
            switch (expr)
            {
                case VarRef { Name: not "_" and not "<error>" } target:
                    return new AssignStmt(target, value, span);
                case FieldExpr:
                    Unsupported("assignment to record fields is", expr.Span);
                    break;
                default:
                    Error(ErrorCodes.InvalidAssignmentTarget, "invalid assignment target: only a variable can be assigned with '='", equal.Span);
                    break;
            }
            return new ExprStmt(value, span);
        }

        private Stmt ParseLet()
        {
            var letToken = Advance();
            var pattern = ParsePattern();
            var type = Accept(TokenKind.Colon) ? ParseType() : null;
            var value = Expect(TokenKind.Equal, "in let binding") ? ParseExpr() : ErrorExpr(Current.Span);
            return new LetStmt(pattern, type, value, SpanFrom(letToken.Span));
        }

        private Stmt ParseLetRec()
        {
            var letToken = Advance();
            var name = "<error>";
            if (At(TokenKind.Identifier)) name = Advance().Text;
            else ErrorExpected("a name", "after 'letrec'");
            var type = Accept(TokenKind.Colon) ? ParseType() : null;
            var value = Expect(TokenKind.Equal, "in letrec binding") ? ParseExpr() : ErrorExpr(Current.Span);
            return new LetRecStmt(name, type, value, SpanFrom(letToken.Span));
        }

        /// <summary>`fn name(params) -> R { body }`; `macro` declarations have the same shape.</summary>
        private Stmt ParseFunction()
        {
            var fnToken = Advance();
            var nameToken = Current;
            var name = "<error>";
            if (At(TokenKind.Identifier)) name = Advance().Text;
            else ErrorExpected("a function name", $"after '{fnToken.Text}'");

            var parameters = At(TokenKind.OpenParen) ? ParseParameterList() : ErrorParameters();
            var returnType = Accept(TokenKind.Arrow) ? ParseType() : null;
            Expr body;
            if (At(TokenKind.OpenBrace))
            {
                body = ParseBlock();
            }
            else
            {
                ErrorExpected("'{'", "to start the function body");
                body = ErrorExpr(Current.Span);
            }
            return new FnDecl(name, parameters, returnType, body, SpanFrom(fnToken.Span), nameToken.Span);
        }

        private ImmutableArray<Param> ErrorParameters()
        {
            ErrorExpected("'('", "to start the parameter list");
            return [];
        }

        private ImmutableArray<Param> ParseParameterList()
        {
            Advance();
            var parameters = ImmutableArray.CreateBuilder<Param>();
            while (!At(TokenKind.CloseParen) && !AtEnd)
            {
                if (!At(TokenKind.Identifier) && !At(TokenKind.Underscore))
                {
                    ErrorExpected("a parameter name");
                    break;
                }
                var nameToken = Advance();
                var type = Accept(TokenKind.Colon) ? ParseType() : null;
                if (At(TokenKind.Equal))
                {
                    var defaultStart = Advance().Span;
                    ParseExpr();
                    Unsupported("default parameter values are", SpanFrom(defaultStart));
                }
                parameters.Add(new Param(nameToken.Text, type, SpanFrom(nameToken.Span)));
                if (!Accept(TokenKind.Comma)) break;
            }
            Expect(TokenKind.CloseParen, "to close the parameter list");
            return parameters.ToImmutable();
        }

        private Stmt ParseInclude()
        {
            var includeToken = Advance();
            var path = "";
            if (Expect(TokenKind.OpenParen, "after 'include'"))
            {
                if (At(TokenKind.StringLiteral)) path = StringValue(Advance());
                else ErrorExpected("a file name string", "in include(...)");
                Expect(TokenKind.CloseParen, "to close include(...)");
            }
            return new IncludeStmt(path, SpanFrom(includeToken.Span));
        }

        /// <summary>`#stage(macro)` is stage 0, `#stage(main)` stage 1.</summary>
        private Stmt ParseStage()
        {
            var hash = Advance();
            var stage = 1;
            if (Expect(TokenKind.StageKeyword, "after '#'") && Expect(TokenKind.OpenParen, "after '#stage'"))
            {
                if (Accept(TokenKind.MacroKeyword)) stage = 0;
                else if (!Accept(TokenKind.MainKeyword)) ErrorExpected("'macro' or 'main'", "in #stage(...)");
                Expect(TokenKind.CloseParen, "to close #stage(...)");
            }
            return new StageStmt(stage, SpanFrom(hash.Span));
        }

        /// <summary>`{ statements }`; the caller has checked that the current token is `{`.</summary>
        private BlockExpr ParseBlock()
        {
            using var guard = Nest();
            var open = Advance();
            var statements = ImmutableArray.CreateBuilder<Stmt>();
            while (!At(TokenKind.CloseBrace) && !AtEnd)
            {
                // A declaration keyword in column 1 almost always means this block lost its `}`:
                // stopping here lets the rest of the file parse normally.
                if (AtLineStart && StartsTopLevelDeclaration()) break;
                ParseStatementInList(statements, topLevel: false);
            }
            if (!At(TokenKind.CloseBrace))
                Error(ErrorCodes.ExpectedToken, $"expected '}}' to close the block opened at {open.Span} but found {TokenFacts.Describe(Current)}", Current.Span, evenWhilePanicking: true);
            else
                Advance();
            return new BlockExpr(statements.ToImmutable(), SpanFrom(open.Span));
        }

        private static string StringValue(Token token)
        {
            var text = token.Text;
            var end = text.Length > 1 && text[^1] == '"' ? text.Length - 1 : text.Length;
            return text[1..end];
        }
    }
}
