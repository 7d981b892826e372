using System.Collections.Immutable;
using Mimium.Runtime.Bytecode;
using Mimium.Runtime.State;
using Mimium.Runtime.Vm;
using static Mimium.Runtime.Tests.Asm;

namespace Mimium.Runtime.Tests;

/// <summary>State skeletons, value printing and the disassembler.</summary>
public class SupportTypeTests
{
    [Fact]
    public void FunctionSkeletonLaysChildrenOutConsecutively()
    {
        var inner = StateNode.Function("fb", new[] { StateNode.Feed(1), StateNode.DelayNode(10) });
        Assert.Equal(13, inner.Size);
        Assert.Equal(new[] { 0, 1 }, inner.Children.Select(c => c.Offset));
        Assert.Equal(10, inner.Children[1].DelayLength);

        var outer = StateNode.Function("dsp", new[] { StateNode.MemNode(), inner, StateNode.Feed(2) });
        Assert.Equal(1 + 13 + 2, outer.Size);
        Assert.Equal(new[] { 0, 1, 14 }, outer.Children.Select(c => c.Offset));
        // rebasing moves the subtree's children along
        Assert.Equal(new[] { 1, 2 }, outer.Children[1].Children.Select(c => c.Offset));
    }

    [Fact]
    public void EmptySkeletonHasNoState()
    {
        Assert.Equal(0, StateNode.Empty.Size);
        Assert.Equal(0, StateNode.Function("f", Array.Empty<StateNode>()).Size);
        Assert.Equal(0, StateNode.Feed(1).DelayLength);
    }

    [Theory]
    [InlineData(5.0, "5")]
    [InlineData(-3.0, "-3")]
    [InlineData(0.0, "0")]
    [InlineData(2.5, "2.5")]
    [InlineData(0.1, "0.1")]
    [InlineData(123456.5, "123456.5")]
    [InlineData(double.NaN, "NaN")]
    [InlineData(double.PositiveInfinity, "inf")]
    [InlineData(double.NegativeInfinity, "-inf")]
    public void ProbeFormatsNumbersLikeRustDisplay(double value, string expected)
    {
        Assert.Equal(expected, Builtins.FormatDisplay(value));
    }

    [Fact]
    public void ProbeNeverUsesExponentNotation()
    {
        Assert.Equal("100000000000000000000", Builtins.FormatDisplay(1e20));
        Assert.Equal("0.0000001", Builtins.FormatDisplay(1e-7));
        Assert.Equal("-0.00000123", Builtins.FormatDisplay(-1.23e-6));
    }

    [Fact]
    public void ProbeFormatsTheShortestRoundTrip()
    {
        Assert.Equal("0.30000000000000004", Builtins.FormatDisplay(0.1 + 0.2));
    }

    [Fact]
    public void DisassemblerUsesThePapersMnemonics()
    {
        var program = Program(new[] { 1.0, 0.5 }, 1, 0,
            EmptyInit,
            Fn("dsp", 1, 2, DspTree(StateNode.Feed(1), StateNode.Feed(2)),
                I(OpCode.MoveConst, 1, 0),
                I(OpCode.GetState, 2, 1),
                I(OpCode.ShiftState, 1),
                I(OpCode.GetState, 3, 2),
                I(OpCode.ShiftState, -1),
                I(OpCode.AddF, 2, 2, 1),
                I(OpCode.SetState, 2, 1),
                I(OpCode.Return, 2, 2)));
        var text = Disassembler.Print(program);
        var lines = text.Split('\n');
        Assert.Equal("CONSTANTS:[1,0.5]", lines[0]);
        Assert.Contains("fn dsp() #1 state_size:3", lines);
        Assert.Contains("  MOVECONST 1 0", lines);
        Assert.Contains("  GETSTATE 2", lines);
        Assert.Contains("  GETSTATE 3 2", lines);
        Assert.Contains("  SHIFTSTATE 1", lines);
        Assert.Contains("  SHIFTSTATE -1", lines);
        Assert.Contains("  ADDF 2 2 1", lines);
        Assert.Contains("  SETSTATE 2", lines);
        Assert.Contains("  RETURN 2 2", lines);
    }

    [Fact]
    public void DisassemblerListsUpvalueSources()
    {
        var program = Program(Array.Empty<double>(), -1, 0,
            EmptyInit,
            Fn("f", 0, 1, null, ImmutableArray.Create(new UpvalueDescriptor(true, 3, 1, "a"), new UpvalueDescriptor(false, 0, 1, "b")),
                I(OpCode.GetUpvalue, 0, 1, 1),
                I(OpCode.Return, 0, 1)));
        var text = Disassembler.Print(program);
        Assert.Contains("  //upvalue:[local(3),upvalue(0)]", text.Split('\n'));
        Assert.Contains("  GETUPVALUE 0 1", text.Split('\n'));
    }

    [Fact]
    public void VmFaultCodesAreStable()
    {
        SourceLocation loc = default;
        Assert.Equal("MM4001", new VmFault(VmFaultKind.StackOverflow, "", "", loc).Code);
        Assert.Equal("MM4002", new VmFault(VmFaultKind.CallBudgetExceeded, "", "", loc).Code);
        Assert.Equal("MM4003", new VmFault(VmFaultKind.HeapExhausted, "", "", loc).Code);
        Assert.Equal("MM4004", new VmFault(VmFaultKind.ExternalFailed, "", "", loc).Code);
    }
}
