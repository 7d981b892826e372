using Mimium.Syntax.Diagnostics;
using Mimium.Syntax.Lexing;

namespace Mimium.Syntax.Tests;

public class LexerTests
{
    private static List<Token> Lex(string text, DiagnosticBag? diags = null) =>
        Lexer.Lex(TestSupport.Source(text), diags ?? new DiagnosticBag()).ToList();

    private static TokenKind[] Kinds(string text) => Lex(text).Select(t => t.Kind).ToArray();

    [Fact]
    public void Line_and_block_comments_are_skipped()
    {
        Assert.Equal(
            [TokenKind.Identifier, TokenKind.Newline, TokenKind.Identifier, TokenKind.Identifier, TokenKind.EndOfFile],
            Kinds("a // comment\n/* multi\nline */ b /* x */ c // last line without newline"));
    }

    [Fact]
    public void Block_comment_spanning_lines_is_not_a_line_break()
    {
        Assert.Equal([TokenKind.Identifier, TokenKind.Identifier, TokenKind.EndOfFile], Kinds("a /*\n\n*/ b"));
    }

    [Fact]
    public void Unterminated_block_comment_is_MM1002()
    {
        var diags = new DiagnosticBag();
        var tokens = Lex("a /* never closed\n b", diags);
        Assert.Equal(ErrorCodes.UnterminatedComment, Assert.Single(diags.Items).Code);
        Assert.Equal([TokenKind.Identifier, TokenKind.EndOfFile], tokens.Select(t => t.Kind));
    }

    [Fact]
    public void Semicolon_is_lexed_as_newline_and_runs_collapse()
    {
        Assert.Equal(
            [TokenKind.Identifier, TokenKind.Newline, TokenKind.Identifier, TokenKind.Newline, TokenKind.Identifier, TokenKind.EndOfFile],
            Kinds("a; b\n;\n ; \n c"));
        Assert.Equal(";", Lex("a;b")[1].Text);
    }

    [Fact]
    public void Numbers_are_integers_or_decimals_without_exponent_or_sign()
    {
        var tokens = Lex("42 3.14 0.5 7");
        Assert.Equal(["42", "3.14", "0.5", "7"], tokens.Where(t => t.Kind == TokenKind.NumberLiteral).Select(t => t.Text));
        Assert.Equal([TokenKind.NumberLiteral, TokenKind.Identifier, TokenKind.EndOfFile], Kinds("1e5"));
        Assert.Equal([TokenKind.Minus, TokenKind.NumberLiteral, TokenKind.EndOfFile], Kinds("-1"));
    }

    [Fact]
    public void Number_after_projection_dot_is_split_into_indices()
    {
        var tokens = Lex("t.0.1");
        Assert.Equal(
            [TokenKind.Identifier, TokenKind.Dot, TokenKind.NumberLiteral, TokenKind.Dot, TokenKind.NumberLiteral, TokenKind.EndOfFile],
            tokens.Select(t => t.Kind));
        Assert.Equal(["0", "1"], tokens.Where(t => t.Kind == TokenKind.NumberLiteral).Select(t => t.Text));
    }

    [Fact]
    public void Double_bar_is_or_while_spaced_bars_are_two_lambda_bars()
    {
        Assert.Equal([TokenKind.BarBar, TokenKind.EndOfFile], Kinds("||"));
        Assert.Equal([TokenKind.Bar, TokenKind.Bar, TokenKind.EndOfFile], Kinds("| |"));
        Assert.Equal([TokenKind.MacroPipe, TokenKind.Pipe, TokenKind.EndOfFile], Kinds("||> |>"));
    }

    [Fact]
    public void Punctuation_takes_the_longest_match()
    {
        Assert.Equal(
            [
                TokenKind.Arrow, TokenKind.LeftArrow, TokenKind.FatArrow, TokenKind.EqualEqual, TokenKind.BangEqual,
                TokenKind.LessEqual, TokenKind.GreaterEqual, TokenKind.AmpAmp, TokenKind.ColonColon, TokenKind.DotDot,
                TokenKind.Dot, TokenKind.Equal, TokenKind.Bang, TokenKind.Backquote, TokenKind.Dollar, TokenKind.Hash,
                TokenKind.At, TokenKind.Caret, TokenKind.Percent, TokenKind.EndOfFile,
            ],
            Kinds("-> <- => == != <= >= && :: .. . = ! ` $ # @ ^ %"));
    }

    [Fact]
    public void Strings_keep_backslashes_literally_and_may_span_lines()
    {
        var token = Lex("\"a\\nb\\\\\nc\"").Single(t => t.Kind == TokenKind.StringLiteral);
        Assert.Equal("\"a\\nb\\\\\nc\"", token.Text);
    }

    [Fact]
    public void Unterminated_string_is_MM1003()
    {
        var diags = new DiagnosticBag();
        Lex("\"abc", diags);
        Assert.Equal(ErrorCodes.UnterminatedString, Assert.Single(diags.Items).Code);
    }

    [Fact]
    public void Keywords_identifiers_and_the_placeholder_are_distinguished()
    {
        Assert.Equal(
            [
                TokenKind.FnKeyword, TokenKind.LetRecKeyword, TokenKind.SelfKeyword, TokenKind.SampleRateKeyword,
                TokenKind.FloatKeyword, TokenKind.StringKeyword, TokenKind.Underscore, TokenKind.Identifier,
                TokenKind.Identifier, TokenKind.Identifier, TokenKind.EndOfFile,
            ],
            Kinds("fn letrec self samplerate float string _ _x lets Fn"));
    }

    [Fact]
    public void PrecededBySpace_tells_adjacent_operators_apart()
    {
        var tight = Lex("1+-2");
        Assert.False(tight[2].PrecededBySpace);
        var spaced = Lex("1 + -2");
        Assert.True(spaced[2].PrecededBySpace);
        Assert.False(spaced[3].PrecededBySpace);
        Assert.True(Lex("a /*c*/b")[1].PrecededBySpace);
    }

    [Fact]
    public void Unexpected_character_is_reported_and_lexing_continues()
    {
        var diags = new DiagnosticBag();
        var tokens = Lex("a § b", diags);
        var d = Assert.Single(diags.Items);
        Assert.Equal(ErrorCodes.UnexpectedCharacter, d.Code);
        Assert.Equal((1, 3), (d.Line, d.Column));
        Assert.Equal([TokenKind.Identifier, TokenKind.Identifier, TokenKind.EndOfFile], tokens.Select(t => t.Kind));
    }

    [Fact]
    public void Spans_point_at_the_token_text()
    {
        var tokens = Lex("let xy = 1.5");
        var xy = tokens[1];
        Assert.Equal((4, 6), (xy.Span.Start, xy.Span.End));
        Assert.Equal("1.5", tokens[3].Text);
        Assert.Equal(12, tokens[^1].Span.Start);
    }
}
