namespace Mimiumd.Osc;

internal enum PatternNodeKind
{
    /// <summary>Consumes one specific character.</summary>
    Literal,

    /// <summary>'?': consumes any one character.</summary>
    AnyCharacter,

    /// <summary>'[...]': consumes one character inside (or, negated, outside) the ranges.</summary>
    CharacterClass,

    /// <summary>'*': loops on any character, or moves on without consuming.</summary>
    AnySequence,

    /// <summary>'{a,b}': moves to several states without consuming.</summary>
    Split,

    /// <summary>The end of the part; reaching it after the last character means a match.</summary>
    Accept,
}

/// <summary>One NFA state. <see cref="Next"/> is settable only so the compiler can patch forward links.</summary>
internal sealed class PatternNode(PatternNodeKind kind)
{
    public PatternNodeKind Kind { get; } = kind;

    public int Next { get; set; }

    public char Character { get; init; }

    public CharacterRange[] Ranges { get; init; } = [];

    public bool Negated { get; init; }

    public List<int> Targets { get; } = [];

    public bool Consumes(char c) => Kind switch
    {
        PatternNodeKind.Literal => c == Character,
        PatternNodeKind.AnyCharacter => true,
        PatternNodeKind.CharacterClass => Ranges.Any(range => range.Contains(c)) != Negated,
        _ => false,
    };
}

internal readonly record struct CharacterRange(char First, char Last)
{
    public bool Contains(char c) => c >= First && c <= Last;
}
