using Mimium.Runtime.State;

namespace Mimium.Engine.Live;

/// <summary>Builds the plan that carries a running instance's state into a freshly initialised one.</summary>
public static class MigrationPlanner
{
    public static MigrationPlan Plan(ProgramInstance old, ProgramInstance fresh)
    {
        var diff = new StateDiff();
        var oldTree = old.Program.DspSkeleton;
        var newTree = fresh.Program.DspSkeleton;
        diff.Roots(new StateDiff.Placed(oldTree, 0), new StateDiff.Placed(newTree, 0));

        // Closures built by the global evaluation own state too (`let bank = replicate(3, | |osc)`);
        // pair them in creation order by their skeletons.
        var oldClosures = Closures(old);
        var newClosures = Closures(fresh);
        var olds = oldClosures.Select(c => new StateDiff.Placed(c.Skeleton, c.Base)).ToList();
        var news = newClosures.Select(c => new StateDiff.Placed(c.Skeleton, c.Base)).ToList();
        diff.Lists(olds, news);

        var oldNodes = StateDiff.CountNodes(oldTree) - 1 + oldClosures.Sum(c => StateDiff.CountNodes(c.Skeleton));
        var newNodes = StateDiff.CountNodes(newTree) - 1 + newClosures.Sum(c => StateDiff.CountNodes(c.Skeleton));
        var identical = StateDiff.SameLayout(oldTree, newTree) && oldClosures.Count == newClosures.Count
            && oldClosures.Zip(newClosures).All(p => StateDiff.SameLayout(p.First.Skeleton, p.Second.Skeleton));
        return new MigrationPlan(diff.Ops, diff.Stats(oldNodes, newNodes, identical));
    }

    private static List<(StateNode Skeleton, int Base)> Closures(ProgramInstance instance)
    {
        var list = new List<(StateNode, int)>();
        var vm = instance.Vm;
        for (var h = 0; h < vm.PersistentClosureCount; h++)
        {
            var (fn, state) = vm.ClosureInfo(h);
            var skeleton = instance.Program.Functions[fn].Skeleton;
            list.Add((skeleton, state));
        }
        return list;
    }
}
