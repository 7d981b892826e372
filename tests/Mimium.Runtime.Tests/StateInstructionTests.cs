using Mimium.Runtime.Bytecode;
using Mimium.Runtime.State;
using Mimium.Runtime.Vm;
using static Mimium.Runtime.Tests.Asm;

namespace Mimium.Runtime.Tests;

/// <summary>DELAY, MEM, GETSTATE / SETSTATE / SHIFTSTATE on hand-assembled programs.</summary>
public class StateInstructionTests
{
    /// <summary>dsp(x, time) = delay(L, x, time)</summary>
    private static VirtualMachine DelayVm(int length) => new(Program(Array.Empty<double>(), 1, 0,
        EmptyInit,
        Fn("dsp", 2, 1, DspTree(StateNode.DelayNode(length)),
            I(OpCode.Delay, 2, 0, length),
            I(OpCode.Return, 2, 1))));

    /// <summary>Reference: d = trunc(clamp(time, 0, L-1)), NaN → 0; result x[n-d], or x[n-L] when d = 0.</summary>
    private static double Expected(List<double> history, int n, int length, double time)
    {
        if (length == 0) return 0;
        var d = double.IsNaN(time) ? 0 : (int)Math.Truncate(Math.Clamp(time, 0, length - 1));
        var lag = d == 0 ? length : d;
        return n - lag >= 0 ? history[n - lag] : 0.0;
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(16)]
    public void DelayMatchesTheReferenceModelForArbitraryTimes(int length)
    {
        var vm = DelayVm(length);
        var rng = new Random(1234 + length);
        var special = new[] { 0.0, -1.0, double.NaN, length - 1, length, length + 100.0, 0.999, 1.5, double.PositiveInfinity, double.NegativeInfinity };
        var history = new List<double>();
        Assert.True(vm.RunGlobalInit());
        for (var n = 0; n < 200; n++)
        {
            var x = n + 1.0;
            var time = n % 3 == 0 ? special[n / 3 % special.Length] : rng.NextDouble() * (length + 4) - 2;
            history.Add(x);
            var output = new double[1];
            Assert.True(vm.RunDsp(new[] { x, time }, output));
            Assert.True(Expected(history, n, length, time) == output[0], $"n={n} time={time}: expected {Expected(history, n, length, time)} got {output[0]}");
        }
    }

    [Fact]
    public void DelayWithTimeZeroReturnsTheSampleLSamplesAgo()
    {
        var rows = Run(DelayVm(3), 1, Enumerable.Range(1, 7).Select(i => new[] { (double)i, 0.0 }));
        Assert.Equal(new[] { 0.0, 0.0, 0.0, 1.0, 2.0, 3.0, 4.0 }, rows.Select(r => r[0]));
    }

    [Fact]
    public void DelayTimeIsTruncatedNotInterpolated()
    {
        var rows = Run(DelayVm(8), 1, Enumerable.Range(1, 6).Select(i => new[] { (double)i, 2.99 }));
        Assert.Equal(new[] { 0.0, 0.0, 1.0, 2.0, 3.0, 4.0 }, rows.Select(r => r[0]));
    }

    [Fact]
    public void DelayOfLengthZeroAlwaysReturnsZero()
    {
        var rows = Run(DelayVm(0), 1, Enumerable.Range(1, 4).Select(i => new[] { (double)i, 0.0 }));
        Assert.All(rows, r => Assert.Equal(0.0, r[0]));
    }

    [Fact]
    public void DelayStateIsTwoBookkeepingWordsThenTheRing()
    {
        var vm = DelayVm(4);
        Run(vm, 1, new[] { new[] { 7.0, 1.0 }, new[] { 8.0, 1.0 } });
        var state = vm.DspState.ToArray();
        Assert.Equal(6, state.Length);
        Assert.Equal(2, RingIndex.Get(state, 1));          // write index after two samples (an integer in the word's bits)
        Assert.Equal(new[] { 7.0, 8.0, 0.0, 0.0 }, state[2..]);
    }

    [Fact]
    public void MemReturnsThePreviousInputAndStoresTheNewOne()
    {
        var vm = new VirtualMachine(Program(Array.Empty<double>(), 1, 0,
            EmptyInit,
            Fn("dsp", 1, 1, DspTree(StateNode.MemNode()),
                I(OpCode.Mem, 1, 0),
                I(OpCode.Return, 1, 1))));
        var rows = Run(vm, 1, new[] { 3.0, 5.0, -2.0 }.Select(x => new[] { x }));
        Assert.Equal(new[] { 0.0, 3.0, 5.0 }, rows.Select(r => r[0]));
        Assert.Equal(-2.0, vm.DspState[0]);
    }

    [Fact]
    public void GetSetAndShiftStateAddressStateRelativeToThePosition()
    {
        // s0 += 1; s1 += 1; s2 += s1; returns (s0, s2)
        var vm = new VirtualMachine(Program(new[] { 1.0 }, 1, 0,
            EmptyInit,
            Fn("dsp", 0, 2, DspTree(StateNode.Feed(1), StateNode.Feed(2)),
                I(OpCode.MoveConst, 0, 0),
                I(OpCode.GetState, 1, 1),
                I(OpCode.AddF, 1, 1, 0),
                I(OpCode.SetState, 1, 1),
                I(OpCode.ShiftState, 1),
                I(OpCode.GetState, 2, 2),
                I(OpCode.AddF, 2, 2, 0),
                I(OpCode.AddF, 3, 3, 2),
                I(OpCode.SetState, 2, 2),
                I(OpCode.ShiftState, -1),
                I(OpCode.Move, 4, 1),
                I(OpCode.Move, 5, 3),
                I(OpCode.Return, 4, 2))));
        var rows = Run(vm, 2, Enumerable.Repeat(Array.Empty<double>(), 4));
        Assert.Equal(new[] { 1.0, 2.0, 3.0, 4.0 }, rows.Select(r => r[0]));
        Assert.Equal(new[] { 1.0, 3.0, 6.0, 10.0 }, rows.Select(r => r[1]));
        Assert.Equal(new[] { 4.0, 4.0, 10.0 }, vm.DspState.ToArray());
    }

    [Fact]
    public void CalleeRunsOnTheCallersCurrentStatePosition()
    {
        // counter() at state offset 2 of dsp, which leaves words 0 and 1 alone
        var vm = new VirtualMachine(Program(new[] { 1.0, 2.0 }, 1, 0,
            EmptyInit,
            Fn("dsp", 0, 1, DspTree(StateNode.MemNode(), StateNode.MemNode(), StateNode.Feed(1)),
                I(OpCode.ShiftState, 2),
                I(OpCode.MoveConst, 0, 1),          // R0 = function #2
                I(OpCode.Call, 0, 0, 1),
                I(OpCode.ShiftState, -2),
                I(OpCode.Return, 0, 1)),
            Fn("counter", 0, 1, StateNode.Function("counter", new[] { StateNode.Feed(1) }),
                I(OpCode.GetState, 0, 1),
                I(OpCode.MoveConst, 1, 0),
                I(OpCode.AddF, 0, 0, 1),
                I(OpCode.SetState, 0, 1),
                I(OpCode.Return, 0, 1))));
        var rows = Run(vm, 1, Enumerable.Repeat(Array.Empty<double>(), 3));
        Assert.Equal(new[] { 1.0, 2.0, 3.0 }, rows.Select(r => r[0]));
        Assert.Equal(new[] { 0.0, 0.0, 3.0 }, vm.DspState.ToArray());
    }

    [Fact]
    public void ReturnOfSeveralWordsCopiesThemToTheCallersRegister()
    {
        var vm = new VirtualMachine(Program(new[] { 3.0, 2.0, 1.0 }, 1, 0,
            EmptyInit,
            Fn("dsp", 0, 3, null,
                I(OpCode.MoveConst, 0, 1),          // R0 = K(1) = 2.0, function #2
                I(OpCode.Call, 0, 0, 3),
                I(OpCode.Return, 0, 3)),
            Fn("triple", 0, 3, null,
                I(OpCode.MoveConst, 5, 0),
                I(OpCode.MoveConst, 6, 1),
                I(OpCode.MoveConst, 7, 2),
                I(OpCode.Return, 5, 3))));
        var rows = Run(vm, 3, new[] { Array.Empty<double>() });
        Assert.Equal(new[] { 3.0, 2.0, 1.0 }, rows[0]);
    }
}
