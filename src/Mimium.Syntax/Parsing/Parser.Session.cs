using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Mimium.Syntax.Ast;
using Mimium.Syntax.Diagnostics;
using Mimium.Syntax.Lexing;
using Mimium.Syntax.Text;

namespace Mimium.Syntax.Parsing;

public static partial class Parser
{
    /// <summary>
    /// State of one parse. Line breaks are not kept in the token array: each token instead
    /// records whether a line break precedes it, because they only matter in two places
    /// (postfix operators do not cross them, and they end statements) and this keeps every
    /// other rule free of newline skipping.
    /// </summary>
    private sealed partial class Session
    {
        // Compilation runs on a thread with a large stack (see Compilation); the stack probe below
        // still turns anything deeper than the thread allows into an error instead of a crash.
        private const int MaxDepth = 10000;

        private readonly SourceFile _file;
        private readonly DiagnosticBag _diags;
        private readonly Token[] _tokens;
        private readonly bool[] _lineStart;
        private int _pos;
        private int _depth;

        // Panic mode: after the first error of a statement, follow-up errors are usually noise
        // caused by the first one, so they are dropped until the statement list resynchronises.
        private bool _panicking;
        private int _errorCount;

        public Session(SourceFile file, ImmutableArray<Token> tokens, DiagnosticBag diags)
        {
            _file = file;
            _diags = diags;
            var significant = new List<Token>(tokens.Length);
            var lineStart = new List<bool>(tokens.Length);
            var sawNewline = true;
            foreach (var token in tokens)
            {
                if (token.Kind == TokenKind.Newline)
                {
                    sawNewline = true;
                    continue;
                }
                significant.Add(token);
                lineStart.Add(sawNewline);
                sawNewline = false;
            }
            _tokens = significant.ToArray();
            _lineStart = lineStart.ToArray();
        }

        private Token Current => _tokens[_pos];

        private Token Previous => _tokens[Math.Max(0, _pos - 1)];

        private TokenKind Kind => _tokens[_pos].Kind;

        private TokenKind PeekKind(int offset) => _tokens[Math.Min(_pos + offset, _tokens.Length - 1)].Kind;

        private bool AtEnd => Kind == TokenKind.EndOfFile;

        /// <summary>True when a line break or `;` separates the current token from the previous one.</summary>
        private bool AtLineStart => _lineStart[_pos];

        private bool At(TokenKind kind) => Kind == kind;

        private Token Advance()
        {
            var token = _tokens[_pos];
            if (token.Kind != TokenKind.EndOfFile) _pos++;
            return token;
        }

        private bool Accept(TokenKind kind)
        {
            if (Kind != kind) return false;
            Advance();
            return true;
        }

        /// <summary>Consumes the token if it is <paramref name="kind"/>; otherwise reports and consumes nothing.</summary>
        private bool Expect(TokenKind kind, string? context = null)
        {
            if (Accept(kind)) return true;
            ErrorExpected(TokenFacts.Describe(kind), context);
            return false;
        }

        private void ErrorExpected(string what, string? context = null)
        {
            var where = context is null ? "" : $" {context}";
            Error(ErrorCodes.ExpectedToken, $"expected {what}{where} but found {TokenFacts.Describe(Current)}", Current.Span);
        }

        private void Error(string code, string message, Span span, bool evenWhilePanicking = false)
        {
            _errorCount++;
            if (_panicking && !evenWhilePanicking) return;
            _panicking = true;
            _diags.Error(code, message, span);
        }

        /// <summary>
        /// Reports a construct that is valid mimium but not implemented here. It does not enter
        /// panic mode: the construct is skipped cleanly, so later errors are still worth reporting.
        /// </summary>
        private void Unsupported(string what, Span span) =>
            _diags.Error(ErrorCodes.UnsupportedSyntax, $"{what} not supported yet", span);

        private Span SpanFrom(Span start) => new(_file, start.Start, Math.Max(start.End, Previous.Span.End));

        private Span SpanFrom(int startOffset) => new(_file, startOffset, Math.Max(startOffset, Previous.Span.End));

        private static Expr ErrorExpr(Span span) => new VarRef("<error>", span);

        private DepthGuard Nest()
        {
            _depth++;
            if (_depth > MaxDepth || !RuntimeHelpers.TryEnsureSufficientExecutionStack())
                throw new TooDeepException(Current.Span);
            return new DepthGuard(this);
        }

        /// <summary>Accounts for one more level of a left-nested chain (`a + b + c`, `f()()`, `t.0.0`).</summary>
        private void DeepenChain()
        {
            _depth++;
            if (_depth > MaxDepth) throw new TooDeepException(Current.Span);
        }

        private readonly struct DepthGuard(Session session) : IDisposable
        {
            public void Dispose() => session._depth--;
        }

        private sealed class TooDeepException(Span span) : Exception
        {
            public Span Span { get; } = span;
        }

        /// <summary>Skips a bracketed group starting at the current opening token, nesting included.</summary>
        private void SkipBalanced()
        {
            var depth = 0;
            do
            {
                switch (Kind)
                {
                    case TokenKind.OpenParen or TokenKind.OpenBracket or TokenKind.OpenBrace:
                        depth++;
                        break;
                    case TokenKind.CloseParen or TokenKind.CloseBracket or TokenKind.CloseBrace:
                        depth--;
                        break;
                    case TokenKind.EndOfFile:
                        Error(ErrorCodes.ExpectedToken, "unbalanced brackets: reached end of file", Current.Span);
                        return;
                }
                Advance();
            }
            while (depth > 0);
        }

        /// <summary>
        /// After giving up on a too deeply nested statement, skips to the first line start after
        /// its brackets balance again, counting from the statement's first token.
        /// </summary>
        private void SkipPastDeepStatement(int statementStart)
        {
            var balance = 0;
            for (var i = statementStart; i < _tokens.Length; i++)
            {
                var kind = _tokens[i].Kind;
                if (i > statementStart && i >= _pos && balance <= 0 && (_lineStart[i] || kind == TokenKind.EndOfFile))
                {
                    _pos = i;
                    return;
                }
                if (kind is TokenKind.OpenParen or TokenKind.OpenBracket or TokenKind.OpenBrace) balance++;
                else if (kind is TokenKind.CloseParen or TokenKind.CloseBracket or TokenKind.CloseBrace) balance--;
            }
            _pos = _tokens.Length - 1;
        }

        /// <summary>
        /// After an error, skips to where the next statement plausibly starts: a token at the
        /// start of a line at the nesting level where skipping began, the `}` closing the
        /// enclosing block, or a top-level keyword at the start of a line.
        /// </summary>
        private void SyncToStatementEnd()
        {
            var depth = 0;
            while (!AtEnd)
            {
                if (AtLineStart && (depth == 0 || StartsTopLevelDeclaration())) return;
                switch (Kind)
                {
                    case TokenKind.OpenParen or TokenKind.OpenBracket or TokenKind.OpenBrace:
                        depth++;
                        break;
                    case TokenKind.CloseBrace when depth == 0:
                        return;
                    case TokenKind.CloseParen or TokenKind.CloseBracket or TokenKind.CloseBrace:
                        depth = Math.Max(0, depth - 1);
                        break;
                }
                Advance();
            }
        }

        /// <summary>Tokens that in practice only begin a top-level statement, used as recovery anchors.</summary>
        private bool StartsTopLevelDeclaration() =>
            Kind is TokenKind.FnKeyword or TokenKind.MacroKeyword or TokenKind.IncludeKeyword or TokenKind.Hash
                && Current.Span.Position.Column == 1;
    }
}
