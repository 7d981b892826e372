using System.Diagnostics.CodeAnalysis;

namespace Mimiumd.Osc;

/// <summary>
/// One '/'-free segment of an address pattern, compiled to a small NFA that is simulated one
/// address character at a time (Thompson's construction), avoiding the exponential backtracking
/// that naive '*' and '{,}' matching suffers on hostile patterns.
/// </summary>
internal sealed class PatternPart
{
    private readonly PatternNode[] _nodes;

    private PatternPart(string? literal, PatternNode[] nodes)
    {
        Literal = literal;
        _nodes = nodes;
    }

    /// <summary>The text this part must equal exactly, or null when it contains wildcards.</summary>
    public string? Literal { get; }

    public static bool TryParse(string text, [NotNullWhen(true)] out PatternPart? part)
    {
        part = null;
        if (text.Length == 0)
        {
            // Kept so that "//" parses but never matches; see OscAddressPattern remarks.
            part = new PatternPart("", []);
            return true;
        }

        if (text.AsSpan().IndexOfAny("*?[]{},") < 0)
        {
            if (!text.All(OscAddressPattern.IsAddressCharacter))
            {
                return false;
            }

            part = new PatternPart(text, []);
            return true;
        }

        if (!PatternCompiler.TryCompile(text, out PatternNode[]? nodes))
        {
            return false;
        }

        part = new PatternPart(null, nodes);
        return true;
    }

    public bool IsMatch(ReadOnlySpan<char> text)
    {
        if (Literal is not null)
        {
            return text.SequenceEqual(Literal);
        }

        var current = new StateSet(_nodes.Length);
        var next = new StateSet(_nodes.Length);
        var pending = new Stack<int>();
        AddWithClosure(current, 0, pending);
        foreach (char c in text)
        {
            next.Clear();
            foreach (int state in current.Members)
            {
                PatternNode node = _nodes[state];
                if (node.Kind == PatternNodeKind.AnySequence)
                {
                    AddWithClosure(next, state, pending);
                }
                else if (node.Consumes(c))
                {
                    AddWithClosure(next, node.Next, pending);
                }
            }

            if (next.IsEmpty)
            {
                return false;
            }

            (current, next) = (next, current);
        }

        return current.Contains(_nodes.Length - 1);
    }

    /// <summary>Adds a state and everything reachable from it without consuming a character.</summary>
    private void AddWithClosure(StateSet set, int start, Stack<int> pending)
    {
        pending.Push(start);
        while (pending.Count > 0)
        {
            int state = pending.Pop();
            if (!set.Add(state))
            {
                continue;
            }

            PatternNode node = _nodes[state];
            if (node.Kind == PatternNodeKind.AnySequence)
            {
                pending.Push(node.Next);
            }
            else if (node.Kind == PatternNodeKind.Split)
            {
                foreach (int target in node.Targets)
                {
                    pending.Push(target);
                }
            }
        }
    }

    /// <summary>A set of NFA states with O(1) membership and insertion-ordered iteration.</summary>
    private sealed class StateSet(int capacity)
    {
        private readonly bool[] _present = new bool[capacity];
        private readonly List<int> _members = new(capacity);

        public IReadOnlyList<int> Members => _members;

        public bool IsEmpty => _members.Count == 0;

        public bool Contains(int state) => _present[state];

        public bool Add(int state)
        {
            if (_present[state])
            {
                return false;
            }

            _present[state] = true;
            _members.Add(state);
            return true;
        }

        public void Clear()
        {
            foreach (int state in _members)
            {
                _present[state] = false;
            }

            _members.Clear();
        }
    }
}
