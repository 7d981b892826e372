using Mimium.Runtime.Bytecode;
using Mimium.Runtime.Vm;

namespace Mimium.Compiler.Tests;

public class InliningTests
{
    private const string Program = """
        fn phasor(freq){
            let p = self + freq / 48000.0
            if (p >= 1.0) { p - 1.0 } else { p }
        }
        fn osc(freq){ sin(phasor(freq) * 6.283185307179586) }
        fn echo(x){ x + delay(100, self, 10.0) * 0.5 }
        fn dsp(){ (echo(osc(440.0)), osc(220.0) + mem(osc(330.0))) }
        """;

    private static double[] Render(CompiledProgram p, int n)
    {
        var vm = new VirtualMachine(p);
        Assert.True(vm.RunGlobalInit());
        var outs = new double[2 * n];
        for (var i = 0; i < n; i++) Assert.True(vm.RunDsp(ReadOnlySpan<double>.Empty, outs.AsSpan(2 * i, 2)));
        return outs;
    }

    [Fact]
    public void InlinedCodeComputesExactlyWhatCallsCompute()
    {
        var called = Cc.Compile(Program, new CompilationOptions { Inline = false });
        var inlined = Cc.Compile(Program, new CompilationOptions { Inline = true });
        Assert.Equal(Render(called, 300), Render(inlined, 300));
    }

    [Fact]
    public void InliningKeepsTheStateTreeUnchanged()
    {
        var called = Cc.Compile(Program, new CompilationOptions { Inline = false });
        var inlined = Cc.Compile(Program, new CompilationOptions { Inline = true });
        Assert.Equal(called.DspSkeleton.ToString(), inlined.DspSkeleton.ToString());
    }

    [Fact]
    public void SmallLeafFunctionsNeedNoCallInDsp()
    {
        var inlined = Cc.Compile(Program, new CompilationOptions { Inline = true });
        Assert.DoesNotContain(OpCode.Call, Cc.Ops(inlined.Functions[inlined.Dsp]));
    }

    [Fact]
    public void RecursiveFunctionsAreStillCalled()
    {
        const string src = "fn sum(n){ if (n > 0.0) { n + sum(n - 1.0) } else { 0.0 } }\nfn dsp(){ sum(10.0) }";
        var p = Cc.Compile(src, new CompilationOptions { Inline = true });
        Assert.Contains(OpCode.Call, Cc.Ops(Cc.Fn(p, "sum")));
        var vm = new VirtualMachine(p);
        vm.RunGlobalInit();
        var o = new double[1];
        vm.RunDsp(ReadOnlySpan<double>.Empty, o);
        Assert.Equal(55.0, o[0]);
    }

    [Fact]
    public void SelfInit0StillReturnsTheStoredValueWhenInlined()
    {
        const string src = "fn counter(){ self + 1.0 }\nfn dsp(){ counter() }";
        var p = Cc.Compile(src, new CompilationOptions { Inline = true, SelfMode = CodeGen.SelfMode.ZeroAtInit });
        var vm = new VirtualMachine(p);
        vm.RunGlobalInit();
        var o = new double[1];
        var seen = new List<double>();
        for (var i = 0; i < 3; i++)
        {
            vm.RunDsp(ReadOnlySpan<double>.Empty, o);
            seen.Add(o[0]);
        }
        Assert.Equal(new[] { 0.0, 1.0, 2.0 }, seen);
    }
}
