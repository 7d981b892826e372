using System.Collections.Frozen;

namespace Mimium.Syntax.Lexing;

/// <summary>Keyword and punctuation tables shared by the lexer, the parser's messages and tests.</summary>
public static class TokenFacts
{
    private static readonly FrozenDictionary<string, TokenKind> Keywords = new Dictionary<string, TokenKind>
    {
        ["fn"] = TokenKind.FnKeyword,
        ["macro"] = TokenKind.MacroKeyword,
        ["let"] = TokenKind.LetKeyword,
        ["letrec"] = TokenKind.LetRecKeyword,
        ["if"] = TokenKind.IfKeyword,
        ["else"] = TokenKind.ElseKeyword,
        ["match"] = TokenKind.MatchKeyword,
        ["self"] = TokenKind.SelfKeyword,
        ["now"] = TokenKind.NowKeyword,
        ["samplerate"] = TokenKind.SampleRateKeyword,
        ["float"] = TokenKind.FloatKeyword,
        ["int"] = TokenKind.IntKeyword,
        ["string"] = TokenKind.StringKeyword,
        ["struct"] = TokenKind.StructKeyword,
        ["include"] = TokenKind.IncludeKeyword,
        ["stage"] = TokenKind.StageKeyword,
        ["main"] = TokenKind.MainKeyword,
        ["mod"] = TokenKind.ModKeyword,
        ["use"] = TokenKind.UseKeyword,
        ["pub"] = TokenKind.PubKeyword,
        ["type"] = TokenKind.TypeKeyword,
        ["alias"] = TokenKind.AliasKeyword,
        ["rec"] = TokenKind.RecKeyword,
        ["_"] = TokenKind.Underscore,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    // Ordered longest first: the lexer takes the first entry that matches.
    internal static readonly (string Text, TokenKind Kind)[] Punctuation =
    [
        ("||>", TokenKind.MacroPipe),
        ("->", TokenKind.Arrow),
        ("<-", TokenKind.LeftArrow),
        ("=>", TokenKind.FatArrow),
        ("==", TokenKind.EqualEqual),
        ("!=", TokenKind.BangEqual),
        ("<=", TokenKind.LessEqual),
        (">=", TokenKind.GreaterEqual),
        ("&&", TokenKind.AmpAmp),
        ("||", TokenKind.BarBar),
        ("|>", TokenKind.Pipe),
        ("::", TokenKind.ColonColon),
        ("..", TokenKind.DotDot),
        ("+", TokenKind.Plus),
        ("-", TokenKind.Minus),
        ("*", TokenKind.Star),
        ("/", TokenKind.Slash),
        ("%", TokenKind.Percent),
        ("^", TokenKind.Caret),
        ("@", TokenKind.At),
        ("<", TokenKind.Less),
        (">", TokenKind.Greater),
        ("=", TokenKind.Equal),
        ("!", TokenKind.Bang),
        (".", TokenKind.Dot),
        (",", TokenKind.Comma),
        (":", TokenKind.Colon),
        ("(", TokenKind.OpenParen),
        (")", TokenKind.CloseParen),
        ("[", TokenKind.OpenBracket),
        ("]", TokenKind.CloseBracket),
        ("{", TokenKind.OpenBrace),
        ("}", TokenKind.CloseBrace),
        ("`", TokenKind.Backquote),
        ("$", TokenKind.Dollar),
        ("#", TokenKind.Hash),
        ("|", TokenKind.Bar),
    ];

    private static readonly FrozenDictionary<TokenKind, string> FixedText =
        Keywords.Select(kv => KeyValuePair.Create(kv.Value, kv.Key))
            .Concat(Punctuation.Select(p => KeyValuePair.Create(p.Kind, p.Text)))
            .ToFrozenDictionary();

    /// <summary>The keyword kind of an identifier-shaped word, or <see cref="TokenKind.Identifier"/>.</summary>
    public static TokenKind KeywordOrIdentifier(string word) =>
        Keywords.TryGetValue(word, out var kind) ? kind : TokenKind.Identifier;

    /// <summary>How a kind is named in "expected …" messages.</summary>
    public static string Describe(TokenKind kind) => kind switch
    {
        TokenKind.EndOfFile => "end of file",
        TokenKind.Newline => "newline",
        TokenKind.NumberLiteral => "number",
        TokenKind.StringLiteral => "string",
        TokenKind.Identifier => "identifier",
        _ => FixedText.TryGetValue(kind, out var text) ? $"'{text}'" : kind.ToString(),
    };

    /// <summary>How a concrete token is named in "… but found …" messages.</summary>
    public static string Describe(Token token) => token.Kind switch
    {
        TokenKind.EndOfFile => "end of file",
        TokenKind.Newline => "newline",
        TokenKind.StringLiteral => token.Text.Length > 20 ? $"string {token.Text[..17]}...\"" : $"string {token.Text}",
        _ => $"'{token.Text}'",
    };
}
