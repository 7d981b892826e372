using System.Collections.Immutable;
using Mimium.Runtime.Bytecode;
using Mimium.Runtime.Vm;
using static Mimium.Runtime.Tests.Asm;

namespace Mimium.Runtime.Tests;

/// <summary>Jumps, closures with shared upvalues, externals and globals.</summary>
public class ControlAndClosureTests
{
    /// <summary>dsp(c) = if (c) 10 else 20</summary>
    private static double Branch(double c)
    {
        var vm = new VirtualMachine(Program(new[] { 10.0, 20.0 }, 1, 0,
            EmptyInit,
            Fn("dsp", 1, 1, null,
                I(OpCode.JmpIfNeg, 0, 2),
                I(OpCode.MoveConst, 1, 0),
                I(OpCode.Jmp, 1),
                I(OpCode.MoveConst, 1, 1),
                I(OpCode.Return, 1, 1))));
        return Run(vm, 1, new[] { new[] { c } })[0][0];
    }

    [Theory]
    [InlineData(1.0, 10.0)]
    [InlineData(1e-300, 10.0)]
    [InlineData(double.PositiveInfinity, 10.0)]
    [InlineData(0.0, 20.0)]
    [InlineData(-1.0, 20.0)]
    [InlineData(double.NegativeInfinity, 20.0)]
    public void JmpIfNegJumpsWhenTheConditionIsNotPositive(double condition, double expected)
    {
        Assert.Equal(expected, Branch(condition));
    }

    [Fact]
    public void JmpIfNegJumpsForNegativeZero()
    {
        Assert.Equal(20.0, Branch(-0.0));
    }

    [Fact]
    public void JmpIfNegDoesNotJumpForNaN()
    {
        Assert.Equal(10.0, Branch(double.NaN));
    }

    /// <summary>
    /// global: (inc, get) = maker(); maker: let n = 0; inc = || { n = n + 1; n }; get = || n.
    /// dsp = inc() + 10 * get(): the two closures share n's cell.
    /// </summary>
    private static CompiledProgram SharedCounter() => Program(new[] { 2.0, 1.0, 10.0, 0.0 }, 1, 2,
        Fn("global", 0, 0, null,
            I(OpCode.MoveConst, 0, 0),              // maker
            I(OpCode.Call, 0, 0, 2),
            I(OpCode.SetGlobal, 0, 0, 2),
            I(OpCode.Return, 0, 0)),
        Fn("dsp", 0, 1, null,
            I(OpCode.GetGlobal, 0, 0, 1),
            I(OpCode.CallCls, 0, 0, 1),
            I(OpCode.GetGlobal, 1, 1, 1),
            I(OpCode.CallCls, 1, 0, 1),
            I(OpCode.MoveConst, 2, 2),
            I(OpCode.MulF, 1, 1, 2),
            I(OpCode.AddF, 0, 0, 1),
            I(OpCode.Return, 0, 1)),
        Fn("maker", 0, 2, null,
            I(OpCode.MoveConst, 0, 3),              // n = 0
            I(OpCode.Closure, 1, 3),
            I(OpCode.Closure, 2, 4),
            I(OpCode.Close, 0),
            I(OpCode.Return, 1, 2)),
        Fn("inc", 0, 1, null, ImmutableArray.Create(new UpvalueDescriptor(true, 0, 1, "n")),
            I(OpCode.GetUpvalue, 0, 0, 1),
            I(OpCode.MoveConst, 1, 1),
            I(OpCode.AddF, 0, 0, 1),
            I(OpCode.SetUpvalue, 0, 0, 1),
            I(OpCode.Return, 0, 1)),
        Fn("get", 0, 1, null, ImmutableArray.Create(new UpvalueDescriptor(true, 0, 1, "n")),
            I(OpCode.GetUpvalue, 0, 0, 1),
            I(OpCode.Return, 0, 1)));

    [Fact]
    public void ClosuresCapturingTheSameLocalShareOneCellAfterItIsClosed()
    {
        var vm = new VirtualMachine(SharedCounter());
        var rows = Run(vm, 1, Enumerable.Repeat(Array.Empty<double>(), 3));
        Assert.Equal(new[] { 11.0, 22.0, 33.0 }, rows.Select(r => r[0]));
        Assert.Equal(2, vm.ClosureCount);
    }

    [Fact]
    public void CallClosureInvokesAClosureFromTheHost()
    {
        var vm = new VirtualMachine(SharedCounter());
        Assert.True(vm.RunGlobalInit());
        var inc = (int)vm.Globals[0];
        var result = new double[1];
        Assert.True(vm.CallClosure(inc, ReadOnlySpan<double>.Empty, result));
        Assert.True(vm.CallClosure(inc, ReadOnlySpan<double>.Empty, result));
        Assert.Equal(2.0, result[0]);
        Assert.Equal(3, vm.ClosureInfo(inc).Function);
    }

    [Fact]
    public void ClosuresMadeDuringDspAreReclaimedAfterTheCall()
    {
        // dsp makes a closure over its parameter and calls it: (|| x)()
        var vm = new VirtualMachine(Program(Array.Empty<double>(), 1, 0,
            EmptyInit,
            Fn("dsp", 1, 1, null,
                I(OpCode.Closure, 1, 2),
                I(OpCode.CallCls, 1, 0, 1),
                I(OpCode.Close, 0),
                I(OpCode.Return, 1, 1)),
            Fn("getx", 0, 1, null, ImmutableArray.Create(new UpvalueDescriptor(true, 0, 1, "x")),
                I(OpCode.GetUpvalue, 0, 0, 1),
                I(OpCode.Return, 0, 1))));
        var rows = Run(vm, 1, new[] { 4.0, 5.0, 6.0 }.Select(x => new[] { x }));
        Assert.Equal(new[] { 4.0, 5.0, 6.0 }, rows.Select(r => r[0]));
        Assert.Equal(0, vm.ClosureCount);
    }

    [Fact]
    public void CallExtPassesArgumentsAndResultsThroughTheFrame()
    {
        var program = new CompiledProgram
        {
            Functions = ImmutableArray.Create(EmptyInit, Fn("dsp", 2, 1, null,
                I(OpCode.Move, 4, 0),
                I(OpCode.Move, 5, 1),
                I(OpCode.CallExt, 4, 2, 0),
                I(OpCode.Return, 4, 1))),
            Constants = ImmutableArray<double>.Empty,
            Externals = ImmutableArray.Create("hypot"),
            GlobalWords = 0,
            GlobalInit = 0,
            Dsp = 1,
        };
        var externals = new Dictionary<string, ExternalFunction>
        {
            ["hypot"] = (vm, frame) => { frame[0] = Math.Sqrt(frame[0] * frame[0] + frame[1] * frame[1]); return true; },
        };
        var rows = Run(new VirtualMachine(program, null, externals), 1, new[] { new[] { 3.0, 4.0 } });
        Assert.Equal(5.0, rows[0][0]);
    }

    [Fact]
    public void MissingExternalIsAFaultNotAnException()
    {
        var program = new CompiledProgram
        {
            Functions = ImmutableArray.Create(EmptyInit, Fn("dsp", 0, 1, null,
                I(OpCode.CallExt, 0, 0, 0),
                I(OpCode.Return, 0, 1))),
            Constants = ImmutableArray<double>.Empty,
            Externals = ImmutableArray.Create("not_provided"),
            GlobalWords = 0,
            GlobalInit = 0,
            Dsp = 1,
        };
        var vm = new VirtualMachine(program);
        Assert.True(vm.RunGlobalInit());
        Assert.False(vm.RunDsp(ReadOnlySpan<double>.Empty, new double[1]));
        Assert.Equal(VmFaultKind.ExternalFailed, vm.Fault?.Kind);
        Assert.Equal("MM4004", vm.Fault!.Code);
        Assert.Contains("not_provided", vm.Fault.Message);
    }

    [Fact]
    public void ProbeBuiltinWritesToTheVmOutput()
    {
        var program = new CompiledProgram
        {
            Functions = ImmutableArray.Create(EmptyInit, Fn("dsp", 1, 1, null,
                I(OpCode.Move, 2, 0),
                I(OpCode.CallExt, 2, 1, 0),
                I(OpCode.Return, 2, 1))),
            Constants = ImmutableArray<double>.Empty,
            Externals = ImmutableArray.Create("probeln"),
            GlobalWords = 0,
            GlobalInit = 0,
            Dsp = 1,
        };
        var vm = new VirtualMachine(program) { Output = new StringWriter() };
        var rows = Run(vm, 1, new[] { new[] { 1.5 }, new[] { 2.0 } });
        Assert.Equal("1.5\n2\n", vm.Output.ToString()!.Replace("\r\n", "\n"));
        Assert.Equal(2.0, rows[1][0]);
    }

    [Fact]
    public void NowAndSampleRateReadTheHostValues()
    {
        var vm = new VirtualMachine(Program(Array.Empty<double>(), 1, 0,
            EmptyInit,
            Fn("dsp", 0, 2, null,
                I(OpCode.Now, 0),
                I(OpCode.SampleRate, 1),
                I(OpCode.Return, 0, 2))), new VmOptions { SampleRate = 44100 });
        Assert.True(vm.RunGlobalInit());
        vm.Now = 17;
        var output = new double[2];
        Assert.True(vm.RunDsp(ReadOnlySpan<double>.Empty, output));
        Assert.Equal(new[] { 17.0, 44100.0 }, output);
    }
}
