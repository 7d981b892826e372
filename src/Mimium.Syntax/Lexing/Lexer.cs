using System.Collections.Immutable;
using Mimium.Syntax.Diagnostics;
using Mimium.Syntax.Text;

namespace Mimium.Syntax.Lexing;

/// <summary>
/// Turns source text into tokens. Whitespace and comments are dropped (they only set
/// <see cref="Token.PrecededBySpace"/>); runs of line breaks and `;` become one
/// <see cref="TokenKind.Newline"/>. The last token is always <see cref="TokenKind.EndOfFile"/>.
/// </summary>
public static class Lexer
{
    public static ImmutableArray<Token> Lex(SourceFile file, DiagnosticBag diags)
    {
        var state = new LexState(file, diags);
        state.Run();
        return state.Tokens.ToImmutable();
    }

    private sealed class LexState(SourceFile file, DiagnosticBag diags)
    {
        private readonly string _text = file.Text;
        private int _pos;
        private bool _space = true;

        public ImmutableArray<Token>.Builder Tokens { get; } = ImmutableArray.CreateBuilder<Token>();

        public void Run()
        {
            while (_pos < _text.Length)
            {
                var c = _text[_pos];
                switch (c)
                {
                    case ' ' or '\t' or '\r':
                        _pos++;
                        _space = true;
                        break;
                    case '\n' or ';':
                        LexNewline();
                        break;
                    case '/' when Next == '/':
                        SkipLineComment();
                        break;
                    case '/' when Next == '*':
                        SkipBlockComment();
                        break;
                    case '"':
                        LexString();
                        break;
                    case >= '0' and <= '9':
                        LexNumber();
                        break;
                    case '_' or (>= 'a' and <= 'z') or (>= 'A' and <= 'Z'):
                        LexWord();
                        break;
                    default:
                        LexPunctuation();
                        break;
                }
            }
            Tokens.Add(new Token(TokenKind.EndOfFile, "", new Span(file, _text.Length, _text.Length), _space));
        }

        private char Next => _pos + 1 < _text.Length ? _text[_pos + 1] : '\0';

        private void Emit(TokenKind kind, int start)
        {
            Tokens.Add(new Token(kind, _text[start.._pos], new Span(file, start, _pos), _space));
            _space = false;
        }

        private void LexNewline()
        {
            // A run of separators means the same as one, so the parser never has to loop over them.
            if (Tokens.Count > 0 && Tokens[^1].Kind == TokenKind.Newline)
            {
                _pos++;
            }
            else
            {
                var start = _pos++;
                Emit(TokenKind.Newline, start);
            }
            _space = true;
        }

        private void SkipLineComment()
        {
            var end = _text.IndexOf('\n', _pos);
            _pos = end < 0 ? _text.Length : end;
            _space = true;
        }

        private void SkipBlockComment()
        {
            var end = _text.IndexOf("*/", _pos + 2, StringComparison.Ordinal);
            if (end < 0)
            {
                diags.Error(ErrorCodes.UnterminatedComment, "unterminated block comment: missing '*/'", new Span(file, _pos, _pos + 2));
                _pos = _text.Length;
            }
            else
            {
                _pos = end + 2;
            }
            _space = true;
        }

        private void LexString()
        {
            var start = _pos;
            var end = _text.IndexOf('"', _pos + 1);
            if (end < 0)
            {
                diags.Error(ErrorCodes.UnterminatedString, "unterminated string literal: missing '\"'", new Span(file, start, start + 1));
                _pos = _text.Length;
            }
            else
            {
                _pos = end + 1;
            }
            Emit(TokenKind.StringLiteral, start);
        }

        private void LexNumber()
        {
            var start = _pos;
            SkipDigits();
            // Right after a projection dot only an index may follow, so `t.0.1` is `t` `.0` `.1`.
            var afterProjectionDot = !_space && Tokens.Count > 0 && Tokens[^1].Kind == TokenKind.Dot;
            if (!afterProjectionDot && _pos + 1 < _text.Length && _text[_pos] == '.' && char.IsAsciiDigit(_text[_pos + 1]))
            {
                var intEnd = _pos;
                _pos++;
                SkipDigits();
                // mimium only takes the fraction when no further '.' follows (`1.2.3` is not a float).
                if (_pos < _text.Length && _text[_pos] == '.') _pos = intEnd;
            }
            Emit(TokenKind.NumberLiteral, start);
        }

        private void SkipDigits()
        {
            while (_pos < _text.Length && char.IsAsciiDigit(_text[_pos])) _pos++;
        }

        private void LexWord()
        {
            var start = _pos;
            while (_pos < _text.Length && (char.IsAsciiLetterOrDigit(_text[_pos]) || _text[_pos] == '_')) _pos++;
            Emit(TokenFacts.KeywordOrIdentifier(_text[start.._pos]), start);
        }

        private void LexPunctuation()
        {
            foreach (var (text, kind) in TokenFacts.Punctuation)
            {
                if (string.CompareOrdinal(_text, _pos, text, 0, text.Length) == 0)
                {
                    var start = _pos;
                    _pos += text.Length;
                    Emit(kind, start);
                    return;
                }
            }
            var width = char.IsHighSurrogate(_text[_pos]) && _pos + 1 < _text.Length ? 2 : 1;
            diags.Error(ErrorCodes.UnexpectedCharacter, $"unexpected character '{_text.Substring(_pos, width)}'", new Span(file, _pos, _pos + width));
            _pos += width;
            _space = true;
        }
    }
}
