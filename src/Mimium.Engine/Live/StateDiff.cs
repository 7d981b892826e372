using Mimium.Runtime.State;

namespace Mimium.Engine.Live;

/// <summary>
/// Matches two state trees. Nodes correspond when they are the same kind and size (calls: the
/// same function); changed call lists are paired by a longest common subsequence weighted by how
/// many words each pairing keeps, then calls that moved are paired with their old selves.
/// A delay whose length changed keeps as much recent history as fits.
/// </summary>
public sealed class StateDiff
{
    private const long MaxLcsCells = 1_000_000;
    private readonly Dictionary<(StateNode, StateNode), long> _scores = new(PairComparer.Instance);
    private readonly List<MigrationOp> _ops = new();
    private int _keptNodes;

    /// <summary>A node placed at an absolute heap address: root base + the node's offset.</summary>
    public readonly record struct Placed(StateNode Node, int RootBase)
    {
        public int Address => RootBase + Node.Offset;
    }

    public IReadOnlyList<MigrationOp> Ops => _ops;

    /// <summary>Diffs two roots (dsp's trees, or one closure's against another's).</summary>
    public void Roots(Placed oldRoot, Placed newRoot)
    {
        if (SameLayout(oldRoot.Node, newRoot.Node))
        {
            if (newRoot.Node.Size > 0) _ops.Add(MigrationOp.Copy(oldRoot.Address, newRoot.Address, newRoot.Node.Size));
            _keptNodes += CountNodes(newRoot.Node) - 1;
            return;
        }
        Lists(oldRoot.Node.Children.Select(c => new Placed(c, oldRoot.RootBase)).ToList(),
              newRoot.Node.Children.Select(c => new Placed(c, newRoot.RootBase)).ToList());
    }

    /// <summary>Pairs two sequences (call children, or closures in creation order) and emits copies.</summary>
    public void Lists(IReadOnlyList<Placed> olds, IReadOnlyList<Placed> news)
    {
        foreach (var (o, n) in Pair(olds.Select(p => p.Node).ToList(), news.Select(p => p.Node).ToList()))
            Emit(olds[o], news[n]);
    }

    public MigrationStats Stats(int oldTotalNodes, int newTotalNodes, bool identical) =>
        new(_keptNodes, newTotalNodes - _keptNodes, oldTotalNodes - _keptNodes, _ops.Sum(o => (long)Math.Min(o.Length, o.NewLength)), identical);

    public static int CountNodes(StateNode n) => 1 + n.Children.Sum(CountNodes);

    private void Emit(Placed o, Placed n)
    {
        var a = o.Node;
        var b = n.Node;
        if (SameLayout(a, b))
        {
            if (b.Size > 0) _ops.Add(MigrationOp.Copy(o.Address, n.Address, b.Size));
            _keptNodes += CountNodes(b);
            return;
        }
        _keptNodes++;
        switch (a.Kind)
        {
            case StateKind.Delay:
                _ops.Add(MigrationOp.ResizeDelay(o.Address, a.DelayLength, n.Address, b.DelayLength));
                break;
            case StateKind.FnCall:
                Lists(a.Children.Select(c => new Placed(c, o.RootBase)).ToList(), b.Children.Select(c => new Placed(c, n.RootBase)).ToList());
                break;
        }
    }

    /// <summary>
    /// Twice the words of state a pairing keeps (0 when the nodes cannot correspond), plus one when
    /// the call sites had the same constant arguments: the hint only breaks ties.
    /// </summary>
    private long Score(StateNode a, StateNode b)
    {
        if (a.Kind != b.Kind) return 0;
        if (_scores.TryGetValue((a, b), out var cached)) return cached;
        long words = a.Kind switch
        {
            StateKind.Feed => a.Size == b.Size ? a.Size : 0,
            StateKind.Mem => 1,
            // Any delay can pass on history; an exact length keeps everything.
            StateKind.Delay => Math.Max(1, Math.Min(a.DelayLength, b.DelayLength)) + (a.Size == b.Size ? 2 : 0),
            _ when a.Label != b.Label => 0,
            _ when Identical(a, b) => Math.Max(1, a.Size),
            _ => 1 + Pair(a.Children.ToList(), b.Children.ToList()).Sum(p => Score(a.Children[p.Item1], b.Children[p.Item2])) / 2,
        };
        var s = words == 0 ? 0 : words * 2 + (a.Hint.Length > 0 && a.Hint == b.Hint ? 1 : 0);
        _scores[(a, b)] = s;
        return s;
    }

    /// <summary>
    /// Pairs children in three passes: calls with the same function and the same constant
    /// arguments are the same call site (so edits that move or insert calls keep everything else);
    /// the rest by weighted LCS, ties going to the earliest pairing so appended nodes are the new
    /// ones (a changed constant keeps its call's state this way); finally, calls that moved and are
    /// structurally identical to an unpaired old one.
    /// </summary>
    private List<(int, int)> Pair(IReadOnlyList<StateNode> olds, IReadOnlyList<StateNode> news)
    {
        var pairs = new List<(int, int)>();
        var usedOld = new HashSet<int>();
        var usedNew = new HashSet<int>();
        for (var j = 0; j < news.Count; j++)
        {
            var b = news[j];
            if (b.Kind != StateKind.FnCall || b.Hint.Length == 0) continue;
            for (var i = 0; i < olds.Count; i++)
            {
                var a = olds[i];
                if (usedOld.Contains(i) || a.Label != b.Label || a.Hint != b.Hint || Score(a, b) == 0) continue;
                pairs.Add((i, j));
                usedOld.Add(i);
                usedNew.Add(j);
                break;
            }
        }

        var restOld = Enumerable.Range(0, olds.Count).Where(i => !usedOld.Contains(i)).ToList();
        var restNew = Enumerable.Range(0, news.Count).Where(j => !usedNew.Contains(j)).ToList();
        void Take(int i, int j)
        {
            pairs.Add((restOld[i], restNew[j]));
            usedOld.Add(restOld[i]);
            usedNew.Add(restNew[j]);
        }
        // Unchanged runs at both ends pair directly; only the changed middle needs the LCS,
        // whose table grows with the product of the lengths.
        var front = 0;
        while (front < restOld.Count && front < restNew.Count && SameLayout(olds[restOld[front]], news[restNew[front]]))
        {
            Take(front, front);
            front++;
        }
        var back = 0;
        while (back < restOld.Count - front && back < restNew.Count - front
               && SameLayout(olds[restOld[^(back + 1)]], news[restNew[^(back + 1)]]))
        {
            Take(restOld.Count - 1 - back, restNew.Count - 1 - back);
            back++;
        }
        var midOld = restOld.Skip(front).Take(restOld.Count - front - back).ToList();
        var midNew = restNew.Skip(front).Take(restNew.Count - front - back).ToList();
        if ((long)midOld.Count * midNew.Count > MaxLcsCells)
        {
            // Too large to search: pair in order where the nodes can correspond.
            for (var k = 0; k < Math.Min(midOld.Count, midNew.Count); k++)
            {
                if (Score(olds[midOld[k]], news[midNew[k]]) > 0) Take(front + k, front + k);
            }
        }
        else
        {
            foreach (var (i, j) in Lcs(midOld.Select(i => olds[i]).ToList(), midNew.Select(j => news[j]).ToList()))
                Take(front + i, front + j);
        }

        for (var j = 0; j < news.Count; j++)
        {
            if (usedNew.Contains(j) || news[j].Kind != StateKind.FnCall) continue;
            for (var i = 0; i < olds.Count; i++)
            {
                if (usedOld.Contains(i) || !Identical(olds[i], news[j])) continue;
                pairs.Add((i, j));
                usedOld.Add(i);
                usedNew.Add(j);
                break;
            }
        }
        return pairs;
    }

    private List<(int, int)> Lcs(IReadOnlyList<StateNode> olds, IReadOnlyList<StateNode> news)
    {
        int n = olds.Count, m = news.Count;
        // dp[i, j]: best total for olds[i..] and news[j..].
        var dp = new long[n + 1, m + 1];
        for (var i = n - 1; i >= 0; i--)
        {
            for (var j = m - 1; j >= 0; j--)
            {
                var best = Math.Max(dp[i + 1, j], dp[i, j + 1]);
                var s = Score(olds[i], news[j]);
                if (s > 0) best = Math.Max(best, dp[i + 1, j + 1] + s);
                dp[i, j] = best;
            }
        }
        var pairs = new List<(int, int)>();
        for (int i = 0, j = 0; i < n && j < m;)
        {
            var s = Score(olds[i], news[j]);
            if (s > 0 && dp[i, j] == dp[i + 1, j + 1] + s)
            {
                pairs.Add((i, j));
                i++;
                j++;
            }
            else if (dp[i + 1, j] >= dp[i, j + 1]) i++;
            else j++;
        }
        return pairs;
    }

    /// <summary>
    /// Identical shapes whose positional pairing is also what the call sites say: no call took
    /// the constants of another old call. Then the whole storage is copied at once (a constant
    /// changed), rather than pairing node by node.
    /// </summary>
    public static bool SameLayout(StateNode a, StateNode b)
    {
        if (!Identical(a, b)) return false;
        for (var i = 0; i < b.Children.Length; i++)
        {
            var nb = b.Children[i];
            if (nb.Kind == StateKind.FnCall && nb.Hint.Length > 0 && nb.Hint != a.Children[i].Hint
                && a.Children.Any(c => c.Kind == StateKind.FnCall && c.Label == nb.Label && c.Hint == nb.Hint))
                return false;
            if (!SameLayout(a.Children[i], nb)) return false;
        }
        return true;
    }

    public static bool Identical(StateNode a, StateNode b)
    {
        if (ReferenceEquals(a, b)) return true;
        if (a.Kind != b.Kind || a.Size != b.Size || a.Children.Length != b.Children.Length) return false;
        if (a.Kind == StateKind.FnCall && a.Label != b.Label) return false;
        for (var i = 0; i < a.Children.Length; i++)
        {
            if (!Identical(a.Children[i], b.Children[i])) return false;
        }
        return true;
    }

    private sealed class PairComparer : IEqualityComparer<(StateNode, StateNode)>
    {
        public static readonly PairComparer Instance = new();
        public bool Equals((StateNode, StateNode) x, (StateNode, StateNode) y) => ReferenceEquals(x.Item1, y.Item1) && ReferenceEquals(x.Item2, y.Item2);
        public int GetHashCode((StateNode, StateNode) p) => HashCode.Combine(System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(p.Item1), System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(p.Item2));
    }
}
