using System.Globalization;
using System.Text;

namespace Mimium.Engine.Tests.Live;

/// <summary>
/// A program is a list of calls of stateful functions, each with a distinct constant (its identity);
/// random edits insert, delete and move calls. Every call the edit did not touch must keep its state.
/// </summary>
public class RandomEditTests
{
    private const string Functions = """
        fn ramp(step){ self + step }
        fn lp(x){ x * 0.1 + self * 0.9 }
        fn echo(x){ x + delay(64, self, 16.0) * 0.5 }
        fn twice(step){ ramp(step) + lp(step) }

        """;

    private static readonly string[] Kinds = { "ramp", "lp", "echo", "twice" };

    private sealed record Call(string Fn, int Id)
    {
        public string Source => $"{Fn}({Id.ToString(CultureInfo.InvariantCulture)}.0)";
    }

    private static string Program(IReadOnlyList<Call> calls)
    {
        var sb = new StringBuilder(Functions).Append("fn dsp(){ 0.0");
        foreach (var c in calls) sb.Append(" + ").Append(c.Source);
        return sb.Append(" }\n").ToString();
    }

    [Fact]
    public void AHundredRandomEditsNeverCrashNeverMakeNaNAndKeepEveryUntouchedCall()
    {
        var rng = new Random(20261121);
        var nextId = 1;
        var calls = Enumerable.Range(0, 4).Select(_ => new Call(Kinds[rng.Next(Kinds.Length)], nextId++)).ToList();
        var h = new SwapHarness(Program(calls));
        h.Run(1);
        for (var edit = 0; edit < 100; edit++)
        {
            var next = calls.ToList();
            switch (rng.Next(3))
            {
                case 0 when next.Count < 12:
                    next.Insert(rng.Next(next.Count + 1), new Call(Kinds[rng.Next(Kinds.Length)], nextId++));
                    break;
                case 1 when next.Count > 1:
                    next.RemoveAt(rng.Next(next.Count));
                    break;
                default:
                {
                    var from = rng.Next(next.Count);
                    var c = next[from];
                    next.RemoveAt(from);
                    next.Insert(rng.Next(next.Count + 1), c);
                    break;
                }
            }
            var before = StatesByCall(h, calls);
            h.SwapNow(Program(next));
            var after = StatesByCall(h, next);
            foreach (var (id, words) in after)
            {
                if (before.TryGetValue(id, out var old)) Assert.Equal(old, words);
                else Assert.All(words, w => Assert.Equal(0.0, w));
            }
            calls = next;
            h.Run(1);
            Assert.DoesNotContain(h.Frames.TakeLast(SwapHarness.Block), f => float.IsNaN(f[0]) || float.IsInfinity(f[0]));
        }
    }

    /// <summary>Each call's state words, found through the dsp skeleton (calls appear in order).</summary>
    private static Dictionary<int, double[]> StatesByCall(SwapHarness h, IReadOnlyList<Call> calls)
    {
        var instance = h.Engine.Current!;
        var nodes = instance.Program.DspSkeleton.Children;
        Assert.Equal(calls.Count, nodes.Length);
        var state = instance.Vm.DspState;
        var result = new Dictionary<int, double[]>();
        for (var i = 0; i < calls.Count; i++)
        {
            Assert.Equal(calls[i].Fn, nodes[i].Label);
            result[calls[i].Id] = state.Slice(nodes[i].Offset, nodes[i].Size).ToArray();
        }
        return result;
    }
}
