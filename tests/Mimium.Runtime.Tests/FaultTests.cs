using Mimium.Runtime.Bytecode;
using Mimium.Runtime.Vm;
using static Mimium.Runtime.Tests.Asm;

namespace Mimium.Runtime.Tests;

/// <summary>Limits turn runaway programs into fault values.</summary>
public class FaultTests
{
    /// <summary>dsp calls loop(), which calls itself forever.</summary>
    private static CompiledProgram Forever() => Program(new[] { 2.0 }, 1, 0,
        EmptyInit,
        Fn("dsp", 0, 1, null,
            I(OpCode.MoveConst, 0, 0),
            I(OpCode.Call, 0, 0, 1),
            I(OpCode.Return, 0, 1)),
        Fn("loop", 0, 1, null,
            I(OpCode.MoveConst, 0, 0),
            I(OpCode.Call, 0, 0, 1),
            I(OpCode.Return, 0, 1)));

    [Fact]
    public void UnboundedRecursionIsAStackOverflowFault()
    {
        var vm = new VirtualMachine(Forever(), new VmOptions { MaxCallDepth = 50 });
        Assert.True(vm.RunGlobalInit());
        Assert.False(vm.RunDsp(ReadOnlySpan<double>.Empty, new double[1]));
        Assert.Equal(VmFaultKind.StackOverflow, vm.Fault?.Kind);
        Assert.Equal("MM4001", vm.Fault!.Code);
        Assert.Equal("loop", vm.Fault.Function);
        Assert.Contains("50", vm.Fault.Message);
    }

    [Fact]
    public void StackWordsBoundTheDepthToo()
    {
        // each level keeps 11 registers below its callee, so 4096 words run out after ~370 calls
        var program = Program(new[] { 2.0 }, 1, 0,
            EmptyInit,
            Fn("dsp", 0, 1, null,
                I(OpCode.MoveConst, 10, 0),
                I(OpCode.Call, 10, 0, 1),
                I(OpCode.Return, 10, 1)),
            Fn("loop", 0, 1, null,
                I(OpCode.MoveConst, 10, 0),
                I(OpCode.Call, 10, 0, 1),
                I(OpCode.Return, 10, 1)));
        var vm = new VirtualMachine(program, new VmOptions { MaxCallDepth = 1_000_000, StackWords = 4096 });
        Assert.True(vm.RunGlobalInit());
        Assert.False(vm.RunDsp(ReadOnlySpan<double>.Empty, new double[1]));
        Assert.Equal(VmFaultKind.StackOverflow, vm.Fault?.Kind);
    }

    // A .NET stack overflow cannot be caught: if this regresses, the test host dies.
    [Fact]
    public void DeepRecursionOnASmallStackIsAFaultNotACrash()
    {
        VmFault? fault = null;
        var thread = new Thread(() =>
        {
            var vm = new VirtualMachine(Forever(), new VmOptions { MaxCallDepth = 1_000_000 });
            vm.RunGlobalInit();
            vm.RunDsp(ReadOnlySpan<double>.Empty, new double[1]);
            fault = vm.Fault;
        }, 256 * 1024);
        thread.Start();
        thread.Join();
        Assert.Equal(VmFaultKind.StackOverflow, fault?.Kind);
    }

    [Fact]
    public void TheVmRecoversAfterAFault()
    {
        // recursion depth 3 through a countdown is fine after a previous overflow
        var vm = new VirtualMachine(Forever(), new VmOptions { MaxCallDepth = 50 });
        Assert.True(vm.RunGlobalInit());
        Assert.False(vm.RunDsp(ReadOnlySpan<double>.Empty, new double[1]));
        Assert.False(vm.RunDsp(ReadOnlySpan<double>.Empty, new double[1]));
        Assert.Equal(VmFaultKind.StackOverflow, vm.Fault?.Kind);
    }

    [Fact]
    public void DspCallBudgetStopsRunawayWork()
    {
        var vm = new VirtualMachine(Forever(), new VmOptions { MaxCallDepth = 1000, DspCallBudget = 10 });
        Assert.True(vm.RunGlobalInit());
        Assert.False(vm.RunDsp(ReadOnlySpan<double>.Empty, new double[1]));
        Assert.Equal(VmFaultKind.CallBudgetExceeded, vm.Fault?.Kind);
        Assert.Equal("MM4002", vm.Fault!.Code);
    }

    [Fact]
    public void GlobalInitBudgetStopsRunawayWork()
    {
        var program = Program(new[] { 1.0 }, -1, 0,
            Fn("global", 0, 0, null,
                I(OpCode.MoveConst, 0, 0),
                I(OpCode.Call, 0, 0, 1),
                I(OpCode.Return, 0, 0)),
            Fn("loop", 0, 1, null,
                I(OpCode.MoveConst, 0, 0),
                I(OpCode.Call, 0, 0, 1),
                I(OpCode.Return, 0, 1)));
        var vm = new VirtualMachine(program, new VmOptions { InitCallBudget = 20 });
        Assert.False(vm.RunGlobalInit());
        Assert.Equal(VmFaultKind.CallBudgetExceeded, vm.Fault?.Kind);
    }

    [Fact]
    public void TooManyClosuresIsAHeapFault()
    {
        var program = Program(Array.Empty<double>(), -1, 0,
            Fn("global", 0, 0, null,
                I(OpCode.Closure, 0, 1),
                I(OpCode.Closure, 1, 1),
                I(OpCode.Closure, 2, 1),
                I(OpCode.Return, 0, 0)),
            Fn("f", 0, 0, null, I(OpCode.Return, 0, 0)));
        var vm = new VirtualMachine(program, new VmOptions { MaxClosures = 2 });
        Assert.False(vm.RunGlobalInit());
        Assert.Equal(VmFaultKind.HeapExhausted, vm.Fault?.Kind);
        Assert.Equal("MM4003", vm.Fault!.Code);
    }

    [Fact]
    public void FaultToStringCarriesLocationCodeAndFunction()
    {
        var fault = new VmFault(VmFaultKind.StackOverflow, "boom", "fnname", new SourceLocation("a.mmm", 3, 7));
        Assert.Equal("a.mmm:3:7: error MM4001: boom (in fnname)", fault.ToString());
    }
}
