using Mimium.Compiler;
using Mimium.Compiler.CodeGen;
using Mimium.Runtime.State;

namespace Mimium.Engine.Tests;

/// <summary>self, delay, mem and the per-call-site state model.</summary>
public class StateTests
{
    private const string Counter = "fn counter(){ self + 1.0 }\n";

    [Fact]
    public void SelfCountsFromOneByDefault()
    {
        Assert.Equal(Mm.Counting(5), Mm.Mono(Counter + "fn dsp(){ counter() }", 5));
    }

    [Fact]
    public void SelfCountsFromZeroInZeroAtInitMode()
    {
        var options = new CompilationOptions { SelfMode = SelfMode.ZeroAtInit };
        Assert.Equal(Mm.Counting(5, start: 0.0), Mm.Mono(Counter + "fn dsp(){ counter() }", 5, options));
    }

    [Fact]
    public void SelfInDspItself()
    {
        Assert.Equal(new[] { 0.5, 1.0, 1.5 }, Mm.Mono("fn dsp(){ self + 0.5 }", 3));
    }

    [Fact]
    public void SelfCanBeATuple()
    {
        const string src = """
            fn bifb() -> (float, float) {
              let (a, b) = self
              (a + 1.0, b + 2.0)
            }
            fn dsp(){ bifb() }
            """;
        var rows = Mm.Rows(src, 3);
        Assert.Equal(new[] { 1.0, 2.0, 3.0 }, rows.Select(r => r[0]));
        Assert.Equal(new[] { 2.0, 4.0, 6.0 }, rows.Select(r => r[1]));
    }

    [Fact]
    public void OnePoleFilterFeedsBackItsOutput()
    {
        // y[n] = x (1-g) + y[n-1] g with x = 1, g = 0.5
        const string src = """
            fn onepole(x, g){ x * (1.0 - g) + self * g }
            fn dsp(){ onepole(1.0, 0.5) }
            """;
        var expected = new double[6];
        var y = 0.0;
        for (var i = 0; i < expected.Length; i++) expected[i] = y = 1.0 * (1.0 - 0.5) + y * 0.5;
        Assert.Equal(expected, Mm.Mono(src, 6));
    }

    [Fact]
    public void SelfInALambdaRefersToTheLambda()
    {
        const string src = """
            let acc = |x| self + x
            fn dsp(){ acc(2.0) }
            """;
        Assert.Equal(new[] { 2.0, 4.0, 6.0 }, Mm.Mono(src, 3));
    }

    [Fact]
    public void EachCallSiteOfAStatefulFunctionHasItsOwnState()
    {
        const string src = """
            fn counter(inc){ self + inc }
            fn dsp(){ counter(1.0) + counter(2.0) }
            """;
        // (1,2,3) + (2,4,6); one shared state would give 3, 9, 15.
        Assert.Equal(new[] { 3.0, 6.0, 9.0 }, Mm.Mono(src, 3));
    }

    [Fact]
    public void StateIsPerCallSiteThroughNestedFunctions()
    {
        const string src = """
            fn counter(){ self + 1.0 }
            fn two(){ counter() * 10.0 + counter() }
            fn dsp(){ two() + two() * 100.0 }
            """;
        // every counter instance yields n at tick n: two() = 11n, total 11n + 1100n
        Assert.Equal(new[] { 1111.0, 2222.0, 3333.0 }, Mm.Mono(src, 3));
    }

    [Fact]
    public void SelfAndAStatefulCallInTheSameFunction()
    {
        const string src = """
            fn counter(){ self + 1.0 }
            fn mixed(){ counter() * 10.0 + self }
            fn dsp(){ mixed() }
            """;
        // y[n] = 10 n + y[n-1]
        var expected = new double[5];
        var y = 0.0;
        for (var n = 1; n <= 5; n++) expected[n - 1] = y = 10.0 * n + y;
        Assert.Equal(expected, Mm.Mono(src, 5));
    }

    [Fact]
    public void DelayOfCounterByFiveSamples()
    {
        Assert.Equal(new[] { 0.0, 0.0, 0.0, 0.0, 0.0, 1.0, 2.0, 3.0, 4.0, 5.0 }, Mm.Mono(Counter + "fn dsp(){ delay(10, counter(), 5) }", 10));
    }

    /// <summary>x[n-d] with x = 1, 2, 3, …; d = trunc(clamp(time, 0, L-1)), NaN → 0, and d = 0 reads x[n-L].</summary>
    private static double[] DelayModel(int length, double time, int samples)
    {
        var d = double.IsNaN(time) ? 0 : (int)Math.Truncate(Math.Clamp(time, 0, length - 1));
        var lag = d == 0 ? length : d;
        return Enumerable.Range(0, samples).Select(n => n - lag >= 0 ? n - lag + 1.0 : 0.0).ToArray();
    }

    [Theory]
    [InlineData("5.0", 5.0)]
    [InlineData("1.0", 1.0)]
    [InlineData("2.9", 2.9)]
    [InlineData("0.0", 0.0)]
    [InlineData("100.0", 100.0)]
    [InlineData("-3.0", -3.0)]
    [InlineData("0.0 / 0.0", double.NaN)]
    public void DelayTimeIsTruncatedClampedAndZeroMeansTheWholeBuffer(string time, double timeValue)
    {
        var actual = Mm.Mono(Counter + $"fn dsp(){{ delay(10, counter(), {time}) }}", 25);
        Assert.Equal(DelayModel(10, timeValue, 25), actual);
    }

    [Fact]
    public void DelayTimeMayVaryPerSample()
    {
        // time = n (0, 1, 2, …) reads x[n - n] = x[0] once d >= 1, except d = 0 reading x[-L] = 0
        const string src = """
            fn counter(){ self + 1.0 }
            fn dsp(){
              let x = counter()
              delay(8, x, x - 1.0)
            }
            """;
        Assert.Equal(new[] { 0.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 2.0, 3.0 }, Mm.Mono(src, 10));
    }

    [Fact]
    public void DelayOfLengthZeroReturnsZero()
    {
        Assert.Equal(new[] { 0.0, 0.0, 0.0 }, Mm.Mono(Counter + "fn dsp(){ delay(0, counter(), 0.0) }", 3));
    }

    [Fact]
    public void MemReturnsThePreviousInput()
    {
        Assert.Equal(new[] { 0.0, 1.0, 2.0, 3.0 }, Mm.Mono(Counter + "fn dsp(){ mem(counter()) }", 4));
    }

    [Fact]
    public void DelayAndMemInTheSameFunctionHaveSeparateState()
    {
        const string src = """
            fn counter(){ self + 1.0 }
            fn both(x){ (delay(4, x, 2.0), mem(x)) }
            fn dsp(){ both(counter()) }
            """;
        var rows = Mm.Rows(src, 5);
        Assert.Equal(new[] { 0.0, 0.0, 1.0, 2.0, 3.0 }, rows.Select(r => r[0]));
        Assert.Equal(new[] { 0.0, 1.0, 2.0, 3.0, 4.0 }, rows.Select(r => r[1]));
    }

    [Fact]
    public void HigherOrderStatefulClosuresEachKeepTheirOwnState()
    {
        // Like the paper's filterbank: bank(3) builds three closures over `acc`, each with its
        // own state; weighted by 3, 2, 1 they sum to 6 * 0.5 * n. Shared state would differ.
        const string src = """
            fn acc(step){ self + step }
            fn bank(n, make){
              if (n > 0.0) {
                let rest = bank(n - 1.0, make)
                let f = make()
                |x| { f(x) * n + rest(x) }
              } else {
                |x| { 0.0 }
              }
            }
            let b = bank(3.0, | |acc)
            fn dsp(){ b(0.5) }
            """;
        Mm.Close(Enumerable.Range(1, 8).Select(n => 6.0 * 0.5 * n).ToArray(), Mm.Mono(src, 8));
    }

    [Fact]
    public void TwoClosuresOfOneStatefulFunctionAreSeparateStates()
    {
        const string src = """
            fn mycount(rate){ self + rate }
            fn pairup(make: () -> (float) -> float){
              let c1 = make()
              let c2 = make()
              |x| { x + c1(1.0) + c2(10.0) }
            }
            let f = pairup(| |mycount)
            fn dsp(){ f(100.0) }
            """;
        Assert.Equal(new[] { 111.0, 122.0, 133.0 }, Mm.Mono(src, 3));
    }

    [Fact]
    public void StatefulCallsInsideALambdaCalledFromDsp()
    {
        const string src = """
            fn counter(){ self + 1.0 }
            let f = |k| counter() * k
            fn dsp(){ f(2.0) }
            """;
        Assert.Equal(new[] { 2.0, 4.0, 6.0 }, Mm.Mono(src, 3));
    }

    [Fact]
    public void PhaseResetThroughAConditionalIntegrator()
    {
        const string src = """
            fn counter(){ self + 1.0 }
            fn integ(x, reset){
              if (reset) { 0.0 } else { self + x }
            }
            fn dsp(){
              let count = counter()
              let reset = count > 5.0
              (reset, integ(1.0, reset))
            }
            """;
        // count 1..10: reset from the 6th sample on; the integrator counts 1..5 then stays 0
        var rows = Mm.Rows(src, 10);
        Assert.Equal(new[] { 0.0, 0.0, 0.0, 0.0, 0.0, 1.0, 1.0, 1.0, 1.0, 1.0 }, rows.Select(r => r[0]));
        Assert.Equal(new[] { 1.0, 2.0, 3.0, 4.0, 5.0, 0.0, 0.0, 0.0, 0.0, 0.0 }, rows.Select(r => r[1]));
    }

    [Fact]
    public void DspSkeletonHasOneFnCallNodePerStatefulCallSite()
    {
        var program = Mm.Compile(Counter + "fn dsp(){ counter() + counter() + mem(1.0) }");
        var kinds = program.DspSkeleton.Children.Select(c => c.Kind).ToArray();
        Assert.Equal(new[] { StateKind.FnCall, StateKind.FnCall, StateKind.Mem }, kinds);
        Assert.Equal(3, program.DspSkeleton.Size);
    }
}
