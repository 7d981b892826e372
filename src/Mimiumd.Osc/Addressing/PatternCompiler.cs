using System.Diagnostics.CodeAnalysis;

namespace Mimiumd.Osc;

/// <summary>Builds the NFA for one pattern part; the last node is always Accept.</summary>
internal static class PatternCompiler
{
    public static bool TryCompile(string text, [NotNullWhen(true)] out PatternNode[]? nodes)
    {
        nodes = null;
        var built = new List<PatternNode>();
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            switch (c)
            {
                case '*':
                    // "**" means the same as "*"; collapsing keeps the automaton small.
                    if (built.Count == 0 || built[^1].Kind != PatternNodeKind.AnySequence)
                    {
                        Append(built, new PatternNode(PatternNodeKind.AnySequence));
                    }

                    break;
                case '?':
                    Append(built, new PatternNode(PatternNodeKind.AnyCharacter));
                    break;
                case '[':
                    int classEnd = text.IndexOf(']', i + 1);
                    if (classEnd < 0 || !TryParseClass(text.AsSpan(i + 1, classEnd - i - 1), out PatternNode? classNode))
                    {
                        return false;
                    }

                    Append(built, classNode);
                    i = classEnd;
                    break;
                case '{':
                    int groupEnd = text.IndexOf('}', i + 1);
                    if (groupEnd < 0 || !TryAppendAlternatives(built, text[(i + 1)..groupEnd]))
                    {
                        return false;
                    }

                    i = groupEnd;
                    break;
                default:
                    if (!OscAddressPattern.IsAddressCharacter(c))
                    {
                        return false;
                    }

                    Append(built, new PatternNode(PatternNodeKind.Literal) { Character = c });
                    break;
            }
        }

        built.Add(new PatternNode(PatternNodeKind.Accept));
        nodes = built.ToArray();
        return true;
    }

    private static void Append(List<PatternNode> built, PatternNode node)
    {
        node.Next = built.Count + 1;
        built.Add(node);
    }

    private static bool TryParseClass(ReadOnlySpan<char> content, [NotNullWhen(true)] out PatternNode? node)
    {
        node = null;
        bool negated = content.StartsWith('!');
        if (negated)
        {
            content = content[1..];
        }

        if (content.IsEmpty)
        {
            return false;
        }

        var ranges = new List<CharacterRange>();
        for (int i = 0; i < content.Length; i++)
        {
            char first = content[i];
            if (first is <= ' ' or >= (char)0x7f or '[' or '{' or '}')
            {
                return false;
            }

            // A '-' with nothing after it is a literal minus, as in shell globs.
            if (i + 2 < content.Length && content[i + 1] == '-')
            {
                char last = content[i + 2];
                ranges.Add(first <= last ? new CharacterRange(first, last) : new CharacterRange(last, first));
                i += 2;
            }
            else
            {
                ranges.Add(new CharacterRange(first, first));
            }
        }

        node = new PatternNode(PatternNodeKind.CharacterClass) { Ranges = ranges.ToArray(), Negated = negated };
        return true;
    }

    private static bool TryAppendAlternatives(List<PatternNode> built, string content)
    {
        string[] alternatives = content.Split(',');
        if (alternatives.Any(alternative => !alternative.All(OscAddressPattern.IsAddressCharacter)))
        {
            return false;
        }

        var split = new PatternNode(PatternNodeKind.Split);
        built.Add(split);
        // Each alternative's last node must point past the whole group, which is known only at the end.
        var exits = new List<PatternNode>();
        bool hasEmptyAlternative = false;
        foreach (string alternative in alternatives)
        {
            if (alternative.Length == 0)
            {
                hasEmptyAlternative = true;
                continue;
            }

            split.Targets.Add(built.Count);
            foreach (char c in alternative)
            {
                Append(built, new PatternNode(PatternNodeKind.Literal) { Character = c });
            }

            exits.Add(built[^1]);
        }

        int afterGroup = built.Count;
        foreach (PatternNode exit in exits)
        {
            exit.Next = afterGroup;
        }

        if (hasEmptyAlternative)
        {
            split.Targets.Add(afterGroup);
        }

        return true;
    }
}
