using System.Collections.Immutable;
using System.Text;

namespace Mimium.Runtime.State;

public enum StateKind
{
    /// <summary>`self`: the previous return value, as wide as the return type.</summary>
    Feed,
    /// <summary>`mem`: one word.</summary>
    Mem,
    /// <summary>`delay`: read index, write index, then the ring of Length words.</summary>
    Delay,
    /// <summary>A direct call of a stateful function; its children are the callee's nodes.</summary>
    FnCall,
}

/// <summary>
/// One node of a state skeleton: the static layout of a function's internal state. The flat
/// storage is the depth-first concatenation of the leaves, so Offset is relative to the node's
/// owner function start. Live coding diffs these trees to carry state across code changes.
/// <paramref name="Hint"/> is what the call site's constant arguments were (e.g. "440,0"): when
/// several calls of one function fit equally well, it tells which old call a new one continues.
/// </summary>
public sealed record StateNode(StateKind Kind, int Size, int Offset, ImmutableArray<StateNode> Children, string Label, string Hint = "")
{
    public static readonly StateNode Empty = new(StateKind.FnCall, 0, 0, ImmutableArray<StateNode>.Empty, "");

    /// <summary>Words of history a Delay node holds.</summary>
    public int DelayLength => Kind == StateKind.Delay ? Size - 2 : 0;

    public static StateNode Feed(int width) => new(StateKind.Feed, width, 0, ImmutableArray<StateNode>.Empty, "self");
    public static StateNode MemNode() => new(StateKind.Mem, 1, 0, ImmutableArray<StateNode>.Empty, "mem");
    public static StateNode DelayNode(int length) => new(StateKind.Delay, length + 2, 0, ImmutableArray<StateNode>.Empty, "delay");

    /// <summary>A function's own tree: children laid out one after another from offset 0.</summary>
    public static StateNode Function(string label, IEnumerable<StateNode> children)
    {
        var laidOut = ImmutableArray.CreateBuilder<StateNode>();
        var offset = 0;
        foreach (var c in children)
        {
            laidOut.Add(c.Rebase(offset));
            offset += c.Size;
        }
        return new StateNode(StateKind.FnCall, offset, 0, laidOut.ToImmutable(), label);
    }

    /// <summary>The same subtree placed at a new offset (children move with it).</summary>
    public StateNode Rebase(int offset)
    {
        if (offset == Offset) return this;
        var delta = offset - Offset;
        return this with { Offset = offset, Children = Children.Select(c => c.Rebase(c.Offset + delta)).ToImmutableArray() };
    }

    public override string ToString()
    {
        var sb = new StringBuilder();
        Write(sb, 0);
        return sb.ToString();
    }

    private void Write(StringBuilder sb, int indent)
    {
        sb.Append(' ', indent * 2).Append(Kind).Append(' ').Append(Label).Append(" size=").Append(Size).Append(" @").Append(Offset);
        if (Hint.Length > 0) sb.Append(" (").Append(Hint).Append(')');
        sb.Append('\n');
        foreach (var c in Children) c.Write(sb, indent + 1);
    }
}
