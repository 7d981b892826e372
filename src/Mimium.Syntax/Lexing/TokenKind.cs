namespace Mimium.Syntax.Lexing;

public enum TokenKind
{
    EndOfFile,

    /// <summary>One or more line breaks or `;` (mimium lexes `;` as a line break).</summary>
    Newline,

    NumberLiteral,
    StringLiteral,
    Identifier,

    /// <summary>`_` on its own: the placeholder.</summary>
    Underscore,

    // keywords
    FnKeyword,
    MacroKeyword,
    LetKeyword,
    LetRecKeyword,
    IfKeyword,
    ElseKeyword,
    MatchKeyword,
    SelfKeyword,
    NowKeyword,
    SampleRateKeyword,
    FloatKeyword,
    IntKeyword,
    StringKeyword,
    StructKeyword,
    IncludeKeyword,
    StageKeyword,
    MainKeyword,
    ModKeyword,
    UseKeyword,
    PubKeyword,
    TypeKeyword,
    AliasKeyword,
    RecKeyword,

    // operators and punctuation
    Arrow,          // ->
    LeftArrow,      // <-
    FatArrow,       // =>
    MacroPipe,      // ||>
    EqualEqual,     // ==
    BangEqual,      // !=
    LessEqual,      // <=
    GreaterEqual,   // >=
    AmpAmp,         // &&
    BarBar,         // ||
    Pipe,           // |>
    Plus,
    Minus,
    Star,
    Slash,
    Percent,
    Caret,
    At,
    Less,
    Greater,
    Equal,          // =
    Bang,           // !
    ColonColon,     // ::
    DotDot,         // ..
    Dot,
    Comma,
    Colon,
    OpenParen,
    CloseParen,
    OpenBracket,
    CloseBracket,
    OpenBrace,
    CloseBrace,
    Backquote,
    Dollar,
    Hash,
    Bar,            // |
}
