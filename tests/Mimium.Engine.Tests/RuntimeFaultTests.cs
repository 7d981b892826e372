using Mimium.Runtime.Vm;

namespace Mimium.Engine.Tests;

/// <summary>Runaway programs stop with a fault value instead of crashing or hanging.</summary>
public class RuntimeFaultTests
{
    [Fact]
    public void UnboundedRecursionInDspIsAStackOverflowFault()
    {
        const string src = """
            fn down(x){ down(x + 1.0) + 1.0 }
            fn dsp(){ down(0.0) }
            """;
        var instance = Mm.Start(src);
        var (rows, fault) = OfflineRenderer.RenderRows(instance, 3);
        Assert.NotNull(fault);
        Assert.Equal(VmFaultKind.StackOverflow, fault!.Kind);
        Assert.Equal("MM4001", fault.Code);
        Assert.Empty(rows);

        // The process and other instances are unaffected.
        Assert.Equal(3.0, Mm.Eval("1.0 + 2.0"));
    }

    [Fact]
    public void UnboundedRecursionThroughAClosureIsAStackOverflowFault()
    {
        const string src = """
            letrec loop = |x| loop(x) * 2.0
            fn dsp(){ loop(1.0) }
            """;
        var instance = Mm.Start(src);
        var (_, fault) = OfflineRenderer.RenderRows(instance, 1);
        Assert.Equal(VmFaultKind.StackOverflow, fault?.Kind);
    }

    [Fact]
    public void NonTerminatingGlobalEvaluationExceedsTheCallBudget()
    {
        const string src = """
            fn fib(n){ if (n < 2.0) n else fib(n - 1.0) + fib(n - 2.0) }
            let big = fib(40.0)
            fn dsp(){ big }
            """;
        var instance = new ProgramInstance(Mm.Compile(src), new VmOptions { InitCallBudget = 100_000 });
        Assert.False(instance.Initialize());
        Assert.Equal(VmFaultKind.CallBudgetExceeded, instance.Fault?.Kind);
        Assert.Equal("MM4002", instance.Fault!.Code);
        var (_, fault) = OfflineRenderer.RenderRows(instance, 1);
        Assert.NotNull(fault);
    }

    [Fact]
    public void GlobalEvaluationWithinTheBudgetSucceeds()
    {
        const string src = """
            fn fib(n){ if (n < 2.0) n else fib(n - 1.0) + fib(n - 2.0) }
            let f = fib(15.0)
            fn dsp(){ f }
            """;
        var instance = new ProgramInstance(Mm.Compile(src), new VmOptions { InitCallBudget = 100_000 });
        Assert.True(instance.Initialize());
        var (rows, fault) = OfflineRenderer.RenderRows(instance, 1);
        Assert.Null(fault);
        Assert.Equal(610.0, rows[0][0]);
    }

    [Fact]
    public void RecursionOfDepthTwoHundredInDspIsFine()
    {
        const string src = """
            fn depth(n){ if (n > 0.0) 1.0 + depth(n - 1.0) else 0.0 }
            fn dsp(){ depth(200.0) }
            """;
        Assert.Equal(new[] { 200.0, 200.0 }, Mm.Mono(src, 2));
    }

    [Fact]
    public void FaultNamesTheFunctionAndSourceLocation()
    {
        const string src = "fn down(x){ down(x + 1.0) + 1.0 }\nfn dsp(){ down(0.0) }\n";
        var instance = Mm.Start(src);
        var (_, fault) = OfflineRenderer.RenderRows(instance, 1);
        Assert.NotNull(fault);
        Assert.Equal("down", fault!.Function);
        Assert.Contains("MM4001", fault.ToString());
    }
}
