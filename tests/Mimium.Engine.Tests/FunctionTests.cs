namespace Mimium.Engine.Tests;

/// <summary>Application, lambdas, inference with let-polymorphism, closures and upvalues.</summary>
public class FunctionTests
{
    [Fact]
    public void LambdaApplication()
    {
        Assert.Equal(5.0, Mm.Eval("{ let add = |a, b| a + b; add(2.0, 3.0) }"));
    }

    [Fact]
    public void ImmediatelyInvokedLambda()
    {
        Assert.Equal(6.0, Mm.Eval("(|x| x * 3.0)(2.0)"));
    }

    [Fact]
    public void GenericIdentityIsUsableAtFloatAndAtATuple()
    {
        const string src = """
            fn id(x){ x }
            fn dsp(){
              let (a, b) = id((1.0, 2.0))
              a + b + id(3.0)
            }
            """;
        Assert.Equal(6.0, Mm.First(src));
    }

    [Fact]
    public void GenericHigherOrderFunctionIsInstantiatedAtDifferentTypes()
    {
        const string src = """
            fn apply(f, x){ f(x) }
            fn dsp(){
              let p = apply(|t: (float, float)| (t.1, t.0), (1.0, 2.0))
              apply(|v| v * 10.0, p.0) + p.1
            }
            """;
        Assert.Equal(21.0, Mm.First(src));
    }

    [Fact]
    public void AnnotationsWithTypeVariables()
    {
        const string src = """
            fn first(p: (a, b)) -> a { p.0 }
            fn dsp(){
              let k: float = first((4.0, "ignored"))
              let f: (float) -> float = |x| x + k
              f(1.0)
            }
            """;
        Assert.Equal(5.0, Mm.First(src));
    }

    [Fact]
    public void FunctionsAreFirstClassValues()
    {
        const string src = """
            fn double(x){ x * 2.0 }
            fn twice(f, x){ f(f(x)) }
            fn dsp(){ twice(double, 3.0) + twice(sqrt, 16.0) }
            """;
        Assert.Equal(12.0 + 2.0, Mm.First(src));
    }

    [Fact]
    public void ClosureReadsAnEnclosingLocal()
    {
        Assert.Equal(4.0, Mm.First("fn dsp(){\n  let x = 9.0\n  let f = | | { x - 5.0 }\n  f()\n}"));
    }

    [Fact]
    public void ClosuresCaptureByReferenceAndShareTheCell()
    {
        // inc and get share n: get sees each increment. A copying capture would give 1, 2, 3.
        const string src = """
            fn make(){
              let n = 0.0
              let inc = | | {
                n = n + 1.0
                n
              }
              let get = | | n * 10.0
              (inc, get)
            }
            let pair = make()
            fn dsp(){
              let (i, g) = pair
              let a = i()
              a + g()
            }
            """;
        Assert.Equal(new[] { 11.0, 22.0, 33.0 }, Mm.Mono(src, 3));
    }

    [Fact]
    public void ClosureEscapingItsDefiningFunctionKeepsItsCounter()
    {
        const string src = """
            fn makecounter(){
              let x = 0.0
              let countup = | | {
                let res = x
                x = x + 1.0
                res
              }
              countup
            }
            let myc = makecounter()
            fn dsp(){ myc() }
            """;
        Assert.Equal(new[] { 0.0, 1.0, 2.0, 3.0, 4.0 }, Mm.Mono(src, 5));
    }

    [Fact]
    public void ClosuresEscapingThreeLevelsDeep()
    {
        const string src = """
            fn outer(start){
              let mid = |step| {
                let acc = start
                | | {
                  acc = acc + step
                  acc
                }
              }
              mid
            }
            let mk = outer(100.0)
            let c = mk(5.0)
            fn dsp(){ c() }
            """;
        Assert.Equal(new[] { 105.0, 110.0, 115.0 }, Mm.Mono(src, 3));
    }

    [Fact]
    public void TwoCountersFromTheSameFactoryAreIndependent()
    {
        const string src = """
            fn makecounter(step){
              let x = 0.0
              | | {
                x = x + step
                x
              }
            }
            let a = makecounter(1.0)
            let b = makecounter(100.0)
            fn dsp(){ (a(), b()) }
            """;
        var rows = Mm.Rows(src, 3);
        Assert.Equal(new[] { 1.0, 2.0, 3.0 }, rows.Select(r => r[0]));
        Assert.Equal(new[] { 100.0, 200.0, 300.0 }, rows.Select(r => r[1]));
    }

    [Fact]
    public void ClosureCapturingATuple()
    {
        const string src = """
            fn make(){
              let t = (1.0, 2.0)
              | | t.0 * 10.0 + t.1
            }
            let f = make()
            fn dsp(){ f() }
            """;
        Assert.Equal(12.0, Mm.First(src));
    }

    [Fact]
    public void DeepButFiniteRecursionWorks()
    {
        const string src = """
            fn sum(n){ if (n > 0.0) n + sum(n - 1.0) else 0.0 }
            fn dsp(){ sum(200.0) }
            """;
        Assert.Equal(200.0 * 201.0 / 2.0, Mm.First(src));
    }

    [Fact]
    public void AClosureMadeInDspAndStoredInAGlobalIsAClearFaultNotAStaleValue()
    {
        const string src = """
            fn makeadder(k){ |x| x + k }
            fn counter(){ self + 1.0 }
            let f = makeadder(0.0)
            fn dsp(){
              let n = counter()
              if (n < 1.5) {
                f = makeadder(10.0)
              }
              let junk = makeadder(500.0)
              f(0.0) + junk(0.0) * 0.0
            }
            """;
        var instance = Mm.Start(src);
        var (rows, fault) = OfflineRenderer.RenderRows(instance, 3);
        Assert.Empty(rows);
        Assert.NotNull(fault);
        Assert.Equal(Mimium.Runtime.Vm.VmFaultKind.ClosureEscaped, fault!.Kind);
        Assert.Contains("only lives for one sample", fault.Message);
    }

    [Fact]
    public void AClosureMadeInTheGlobalSectionCanBeReassignedInDsp()
    {
        const string src = """
            fn makeadder(k){ |x| x + k }
            fn counter(){ self + 1.0 }
            let ten = makeadder(10.0)
            let f = makeadder(0.0)
            fn dsp(){
              if (counter() > 1.5) { f = ten }
              f(1.0)
            }
            """;
        Assert.Equal(new[] { 1.0, 11.0, 11.0 }, Mm.Mono(src, 3));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void AClosureMadeInDspInsideAStoredTupleIsAClearFaultToo(bool jit)
    {
        const string src = """
            fn makeadder(k){ |x| x + k }
            let keep = (makeadder(0.0), 1.0)
            fn dsp(){
              keep = (makeadder(10.0), 2.0)
              let (f, w) = keep
              f(0.0) * w
            }
            """;
        var instance = new ProgramInstance(Mm.Compile(src), new Mimium.Runtime.Vm.VmOptions { Jit = jit });
        Assert.True(instance.Initialize());
        var (rows, fault) = OfflineRenderer.RenderRows(instance, 2);
        Assert.Empty(rows);
        Assert.Equal(Mimium.Runtime.Vm.VmFaultKind.ClosureEscaped, fault!.Kind);
    }
}
