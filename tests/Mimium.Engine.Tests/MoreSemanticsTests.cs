using Mimium.Compiler;
using Mimium.Compiler.CodeGen;

namespace Mimium.Engine.Tests;

/// <summary>Combinations of features where register, upvalue and state bookkeeping interact.</summary>
public class MoreSemanticsTests
{
    [Fact]
    public void TopLevelLetOfALambdaIsOneValueSoUsingItAtTwoTypesIsATypeError()
    {
        const string src = """
            let ident = |x| x
            fn dsp(){
              let t = ident((2.0, 3.0))
              t.0 * t.1 + ident(1.0)
            }
            """;
        var result = Mm.CompileRaw(src);
        Assert.False(result.Success);
        var error = result.Diagnostics.First(d => d.Code == "MM2002");
        Assert.Contains("(float, float)", error.Message);
        Assert.Contains("float", error.Message);
    }

    [Fact]
    public void RecursiveGenericFunctionIsUsableAtTwoTypes()
    {
        const string src = """
            fn keep(n, x){ if (n > 0.0) keep(n - 1.0, x) else x }
            fn dsp(){
              let (a, b) = keep(3.0, (4.0, 5.0))
              a * b + keep(2.0, 1.0)
            }
            """;
        Assert.Equal(21.0, Mm.First(src));
    }

    [Fact]
    public void ClosureReturningATuple()
    {
        const string src = """
            let split = |x| (x * 2.0, x * 3.0)
            fn dsp(){
              let (a, b) = split(1.0)
              a * 10.0 + b
            }
            """;
        Assert.Equal(23.0, Mm.First(src));
    }

    [Fact]
    public void AssigningATupleVariable()
    {
        const string src = """
            let g = (0.0, 0.0)
            fn dsp(){
              let l = (1.0, 2.0)
              l = (l.1, l.0)
              g = (g.0 + l.0, g.1 + l.1)
              g
            }
            """;
        var rows = Mm.Rows(src, 2);
        Assert.Equal(new[] { 2.0, 1.0 }, rows[0]);
        Assert.Equal(new[] { 4.0, 2.0 }, rows[1]);
    }

    [Fact]
    public void CapturedTupleAssignedThroughAClosure()
    {
        const string src = """
            fn make(){
              let st = (0.0, 10.0)
              | | {
                st = (st.0 + 1.0, st.1 - 1.0)
                st.0 * 100.0 + st.1
              }
            }
            let f = make()
            fn dsp(){ f() }
            """;
        Assert.Equal(new[] { 109.0, 208.0, 307.0 }, Mm.Mono(src, 3));
    }

    [Fact]
    public void ZeroAtInitWithATupleSelf()
    {
        const string src = """
            fn bifb() -> (float, float) {
              let (a, b) = self
              (a + 1.0, b + 2.0)
            }
            fn dsp(){ bifb() }
            """;
        var rows = Mm.Rows(src, 3, new CompilationOptions { SelfMode = SelfMode.ZeroAtInit });
        Assert.Equal(new[] { 0.0, 1.0, 2.0 }, rows.Select(r => r[0]));
        Assert.Equal(new[] { 0.0, 2.0, 4.0 }, rows.Select(r => r[1]));
    }

    [Fact]
    public void StatefulCallsInBothBranchesAndSelf()
    {
        const string src = """
            fn counter(){ self + 1.0 }
            fn alt(c){
              if (c) { counter() + self } else { counter() * 100.0 }
            }
            fn tick(){ self + 1.0 }
            fn dsp(){ alt(tick() % 2.0) }
            """;
        // odd ticks (c = 1): then-counter t1 + previous output; even ticks: else-counter * 100
        var expected = new List<double>();
        double prev = 0, thenCount = 0, elseCount = 0;
        for (var n = 1; n <= 6; n++)
        {
            double y;
            if (n % 2.0 > 0) { thenCount++; y = thenCount + prev; }
            else { elseCount++; y = elseCount * 100.0; }
            expected.Add(y);
            prev = y;
        }
        Assert.Equal(expected, Mm.Mono(src, 6));
    }

    [Fact]
    public void DelayInsideAGlobalClosureUsesTheClosuresState()
    {
        const string src = """
            fn counter(){ self + 1.0 }
            let echo = |x| delay(4, x, 2.0)
            fn dsp(){ echo(counter()) }
            """;
        Assert.Equal(new[] { 0.0, 0.0, 1.0, 2.0, 3.0 }, Mm.Mono(src, 5));
    }

    [Fact]
    public void ClosureCreatedInABlockKeepsTheBlockLocalAfterTheBlockEnds()
    {
        const string src = """
            fn dsp(){
              let f = {
                let hidden = 5.0
                |x| x + hidden
              }
              let other = 100.0
              f(1.0) + other
            }
            """;
        Assert.Equal(106.0, Mm.First(src));
    }

    [Fact]
    public void StatefulFunctionPipedAndNested()
    {
        const string src = """
            fn acc(x){ self + x }
            fn dsp(){ 1.0 |> acc |> acc }
            """;
        // inner acc: 1, 2, 3; outer acc sums those: 1, 3, 6
        Assert.Equal(new[] { 1.0, 3.0, 6.0 }, Mm.Mono(src, 3));
    }

    [Fact]
    public void BranchesWithDifferentStatefulBuiltinsKeepSeparateState()
    {
        // odd samples run the delay, even ones mem + self; each only advances when its branch runs
        const string src = """
            fn counter(){ self + 1.0 }
            fn f(c, x){ if (c) { delay(3, x, 1.0) } else { mem(x) + self } }
            fn dsp(){
              let n = counter()
              f(n % 2.0, n)
            }
            """;
        Assert.Equal(new[] { 0.0, 0.0, 1.0, 3.0, 3.0, 7.0 }, Mm.Mono(src, 6));
    }

    [Fact]
    public void ClosureSeesAssignmentsMadeAfterItWasCreated()
    {
        const string src = """
            fn dsp(){
              let x = 1.0
              let f = | | x * 2.0
              x = 5.0
              f()
            }
            """;
        Assert.Equal(10.0, Mm.First(src));
    }

    [Fact]
    public void NestedTupleInputParameter()
    {
        var instance = Mm.Start("fn dsp(x: (float, (float, float))){ x.1.1 * 100.0 + x.1.0 * 10.0 + x.0 }");
        Assert.Equal(3, instance.InputChannels);
        var output = new double[1];
        Assert.True(instance.Tick(new[] { 1.0, 2.0, 3.0 }, output));
        Assert.Equal(321.0, output[0]);
    }

    [Fact]
    public void SelfInALambdaInZeroAtInitMode()
    {
        const string src = """
            let acc = |x| self + x
            fn dsp(){ acc(2.0) }
            """;
        Assert.Equal(new[] { 0.0, 2.0, 4.0 }, Mm.Mono(src, 3, new CompilationOptions { SelfMode = SelfMode.ZeroAtInit }));
    }
}
