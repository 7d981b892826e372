using Mimium.Compiler.CodeGen;
using Mimium.Runtime.Bytecode;
using Mimium.Runtime.State;

namespace Mimium.Compiler.Tests;

/// <summary>The bytecode shapes of the λmmm paper's listings.</summary>
public class PaperListingTests
{
    private const string OnePole = """
        fn onepole(x, g){ x * (1.0 - g) + self * g }
        fn dsp(){ onepole(1.0, 0.5) }
        """;

    [Fact]
    public void OnePoleHasOneWordOfState()
    {
        var p = Cc.Compile(OnePole);
        var f = Cc.Fn(p, "onepole");
        Assert.Equal(1, f.StateSize);
        var feed = Assert.Single(f.Skeleton.Children);
        Assert.Equal(StateKind.Feed, feed.Kind);
        Assert.Equal(1, feed.Size);
        Assert.Equal(2, f.ParamWords);
        Assert.Equal(1, f.ResultWords);
    }

    [Fact]
    public void OnePoleReadsSelfWithGetStateAndComputesWithFloatOps()
    {
        var f = Cc.Fn(Cc.Compile(OnePole), "onepole");
        var ops = Cc.Ops(f);
        // constant operands may use the K forms (1.0 - g is KSUBF)
        Assert.Contains(OpCode.GetState, ops);
        Assert.Single(ops, o => o is OpCode.SubF or OpCode.SubFK or OpCode.KSubF);
        Assert.Equal(2, ops.Count(o => o is OpCode.MulF or OpCode.MulFK));
        Assert.Single(ops, o => o is OpCode.AddF or OpCode.AddFK);
        Assert.DoesNotContain(OpCode.ShiftState, ops);
        Assert.DoesNotContain(OpCode.Call, ops);
    }

    [Fact]
    public void OnePoleInZeroAtInitModeEndsLikeListingTwo()
    {
        var p = Cc.Compile(OnePole, new CompilationOptions { SelfMode = SelfMode.ZeroAtInit, Inline = false });
        var code = Cc.Fn(p, "onepole").Code;
        var tail = code[^3..];
        Assert.Equal(new[] { OpCode.GetState, OpCode.SetState, OpCode.Return }, tail.Select(i => i.Op));
        var (get, set, ret) = (tail[0], tail[1], tail[2]);
        // returns the old state it just read, stores the newly computed value
        Assert.Equal(get.A, ret.A);
        Assert.Equal(1, ret.B);
        Assert.NotEqual(get.A, set.A);
        var addIndex = Array.FindLastIndex(code, i => i.Op is OpCode.AddF or OpCode.AddFK);
        Assert.Equal(code[addIndex].A, set.A);
    }

    [Fact]
    public void OnePoleInDefaultModeStoresAndReturnsTheNewValue()
    {
        var code = Cc.Fn(Cc.Compile(OnePole), "onepole").Code;
        var tail = code[^2..];
        Assert.Equal(new[] { OpCode.SetState, OpCode.Return }, tail.Select(i => i.Op));
        Assert.Equal(tail[0].A, tail[1].A);
    }

    private const string Listing3 = """
        fn fbdelay(x, fb, dtime){
          x + delay(1000, self, dtime) * fb
        }
        fn twodelay(x, dtime){
          fbdelay(x, 0.7, dtime) + fbdelay(x, 0.8, dtime * 2.0)
        }
        fn dsp(x){
          twodelay(x, 400.0) + twodelay(x, 800.0)
        }
        """;

    [Fact]
    public void FeedbackDelayStateIsDelayLengthPlusBookkeepingPlusSelf()
    {
        var p = Cc.Compile(Listing3);
        Assert.Equal(1000 + 2 + 1, Cc.Fn(p, "fbdelay").StateSize);
        Assert.Equal(2 * 1003, Cc.Fn(p, "twodelay").StateSize);
        Assert.Equal(4 * 1003, Cc.Fn(p, "dsp").StateSize);
        Assert.Equal(4 * 1003, p.DspSkeleton.Size);
    }

    [Fact]
    public void ShiftStateOperandsSumToZeroInEveryFunction()
    {
        var p = Cc.Compile(Listing3);
        foreach (var name in new[] { "fbdelay", "twodelay", "dsp" })
        {
            var shifts = Cc.Fn(p, name).Code.Where(i => i.Op == OpCode.ShiftState).Select(i => i.A).ToList();
            Assert.NotEmpty(shifts);
            Assert.Equal(0, shifts.Sum());
        }
    }

    [Fact]
    public void StateIsAddressedRelativelyWithShiftsToEachCallsOffset()
    {
        var p = Cc.Compile(Listing3);
        // twodelay: the second fbdelay's state starts 1003 words after the first's
        var shifts = Cc.Fn(p, "twodelay").Code.Where(i => i.Op == OpCode.ShiftState).Select(i => i.A).ToArray();
        Assert.Equal(new[] { 1003, -1003 }, shifts);
        // fbdelay: self at 0, the delay ring after it
        var fb = Cc.Fn(p, "fbdelay").Code;
        Assert.Equal(new[] { 1, -1 }, fb.Where(i => i.Op == OpCode.ShiftState).Select(i => i.A));
        var delay = Assert.Single(fb, i => i.Op == OpCode.Delay);
        Assert.Equal(1000, delay.C);
    }

    [Fact]
    public void SkeletonTreeFollowsTheCallStructure()
    {
        var root = Cc.Compile(Listing3).DspSkeleton;
        Assert.Equal(2, root.Children.Length);
        foreach (var (two, i) in root.Children.Select((c, i) => (c, i)))
        {
            Assert.Equal(StateKind.FnCall, two.Kind);
            Assert.Equal("twodelay", two.Label);
            Assert.Equal(i * 2006, two.Offset);
            Assert.Equal(2, two.Children.Length);
            foreach (var (fb, j) in two.Children.Select((c, j) => (c, j)))
            {
                Assert.Equal(StateKind.FnCall, fb.Kind);
                Assert.Equal("fbdelay", fb.Label);
                Assert.Equal(i * 2006 + j * 1003, fb.Offset);
                Assert.Equal(new[] { StateKind.Feed, StateKind.Delay }, fb.Children.Select(c => c.Kind));
                Assert.Equal(1, fb.Children[0].Size);
                Assert.Equal(fb.Offset, fb.Children[0].Offset);
                Assert.Equal(1002, fb.Children[1].Size);
                Assert.Equal(1000, fb.Children[1].DelayLength);
                Assert.Equal(fb.Offset + 1, fb.Children[1].Offset);
            }
        }
        // the leaves tile the storage without gaps
        var leaves = Cc.Walk(root).Where(n => n.Children.Length == 0).ToList();
        Assert.Equal(8, leaves.Count);
        var offset = 0;
        foreach (var leaf in leaves)
        {
            Assert.Equal(offset, leaf.Offset);
            offset += leaf.Size;
        }
        Assert.Equal(root.Size, offset);
    }

    private const string Listing5 = """
        fn bandpass(x, freq){ x * 0.1 + self * (freq / 10000.0) }
        fn filterbank(n, filter){
          if (n > 0.0) {
            |x, freq| filter(x, freq + n * 100.0) + filterbank(n - 1.0, filter)(x, freq)
          } else {
            |x, freq| 0.0
          }
        }
        let myfilter = filterbank(3.0, bandpass)
        fn dsp(x){ myfilter(x, 1000.0) }
        """;

    [Fact]
    public void FilterbankMakesClosuresAndClosesItsCapturedParameters()
    {
        var p = Cc.Compile(Listing5);
        var ops = Cc.Ops(Cc.Fn(p, "filterbank"));
        Assert.Equal(2, ops.Count(o => o == OpCode.Closure));
        Assert.Contains(OpCode.Close, ops);
        Assert.True(Array.LastIndexOf(ops, OpCode.Close) < Array.LastIndexOf(ops, OpCode.Return));
        Assert.Equal(0, Cc.Fn(p, "filterbank").StateSize);
    }

    [Fact]
    public void FilterbankCallsClosuresWithCallCls()
    {
        var p = Cc.Compile(Listing5);
        var lambdas = p.Functions.Where(f => f.Name.StartsWith("filterbank.lambda", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, lambdas.Count);
        var inner = Assert.Single(lambdas, l => l.Upvalues.Length > 0);
        var innerOps = Cc.Ops(inner);
        // filter(...) through an upvalue and filterbank(...)(...) on the returned closure
        Assert.Equal(2, innerOps.Count(o => o == OpCode.CallCls));
        Assert.Contains(OpCode.GetUpvalue, innerOps);
        Assert.Contains(OpCode.Call, innerOps);
        Assert.Equal(new[] { "filter", "n" }, inner.Upvalues.Select(u => u.Name).Order());
        Assert.All(inner.Upvalues, u => Assert.True(u.FromParentLocal));

        var dsp = Cc.Ops(Cc.Fn(p, "dsp"));
        Assert.Contains(OpCode.GetGlobal, dsp);
        Assert.Contains(OpCode.CallCls, dsp);
    }

    [Fact]
    public void FunctionPassedAsAValueBecomesAClosureWithItsOwnState()
    {
        var p = Cc.Compile(Listing5);
        var global = p.Functions[p.GlobalInit];
        Assert.Contains(OpCode.Closure, Cc.Ops(global));
        // bandpass keeps its Feed state in the closure, not in dsp's tree
        Assert.Equal(1, Cc.Fn(p, "bandpass").StateSize);
        Assert.Equal(0, p.DspSkeleton.Size);
    }
}
