using Mimium.Syntax.Text;

namespace Mimium.Syntax.Lexing;

/// <param name="PrecededBySpace">
/// True when whitespace, a comment or a line break separates this token from the previous one
/// (and for the first token of a file). `1+-2` is rejected on this basis while `1 + -2` is not.
/// </param>
public readonly record struct Token(TokenKind Kind, string Text, Span Span, bool PrecededBySpace)
{
    public override string ToString() => $"{Kind} '{Text}' @{Span.Start}";
}
