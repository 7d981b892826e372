using Mimium.Runtime.State;

namespace Mimium.Engine.Live;

/// <summary>One step of carrying state from the running program's heap to the new one's.</summary>
public readonly record struct MigrationOp(MigrationOpKind Kind, int Source, int Destination, int Length, int NewLength)
{
    public static MigrationOp Copy(int src, int dst, int len) => new(MigrationOpKind.Copy, src, dst, len, len);

    /// <summary>A delay whose length changed: keep the most recent history that fits.</summary>
    public static MigrationOp ResizeDelay(int src, int oldLength, int dst, int newLength) => new(MigrationOpKind.ResizeDelay, src, dst, oldLength, newLength);
}

public enum MigrationOpKind
{
    Copy,
    ResizeDelay,
}

/// <summary>
/// The precomputed way to carry state across a code change. Building it (the tree diff) happens
/// off the audio thread; applying it is a handful of array copies done at the block boundary, so
/// the new program starts from the state the old one had at that very sample.
/// </summary>
public sealed class MigrationPlan
{
    private readonly MigrationOp[] _ops;

    public MigrationPlan(IReadOnlyList<MigrationOp> ops, MigrationStats stats)
    {
        _ops = ops.ToArray();
        Stats = stats;
    }

    public IReadOnlyList<MigrationOp> Ops => _ops;
    public MigrationStats Stats { get; }

    /// <summary>Copies the matched state; allocation-free.</summary>
    public void Apply(double[] from, double[] to)
    {
        foreach (var op in _ops)
        {
            if (op.Kind == MigrationOpKind.Copy) Array.Copy(from, op.Source, to, op.Destination, op.Length);
            else ResizeDelay(from, op.Source, op.Length, to, op.Destination, op.NewLength);
        }
    }

    /// <summary>
    /// Re-lays a ring buffer ([read, write, data…]) at a new length: the newest samples, oldest
    /// first, from slot 0, with the write index just after them.
    /// </summary>
    private static void ResizeDelay(double[] from, int src, int oldLength, double[] to, int dst, int newLength)
    {
        if (newLength <= 0 || oldLength <= 0) return;
        var keep = Math.Min(oldLength, newLength);
        var w = RingIndex.Get(from, src + 1);
        for (var i = 0; i < keep; i++)
        {
            // i = 0 is the oldest of the kept samples.
            var age = keep - i;
            var slot = w - age;
            if (slot < 0) slot += oldLength;
            to[dst + 2 + i] = from[src + 2 + slot];
        }
        RingIndex.Set(to, dst, 0);
        RingIndex.Set(to, dst + 1, keep % newLength);
    }
}

/// <summary>What a migration keeps: nodes of the state trees and words of state.</summary>
public readonly record struct MigrationStats(int KeptNodes, int AddedNodes, int DroppedNodes, long KeptWords, bool Identical)
{
    public static MigrationStats operator +(MigrationStats a, MigrationStats b) =>
        new(a.KeptNodes + b.KeptNodes, a.AddedNodes + b.AddedNodes, a.DroppedNodes + b.DroppedNodes, a.KeptWords + b.KeptWords, a.Identical && b.Identical);
}
