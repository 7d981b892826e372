using Mimium.Runtime.Bytecode;
using Mimium.Runtime.State;

namespace Mimium.Compiler.Tests;

/// <summary>What the code generator emits for individual constructs.</summary>
public class CodeShapeTests
{
    [Fact]
    public void IfCompilesToJmpIfNegAndJmp()
    {
        var ops = Cc.Ops(Cc.Fn(Cc.Compile("fn pick(c){ if (c) 1.0 else 2.0 }\nfn dsp(){ pick(1.0) }"), "pick"));
        Assert.Equal(1, ops.Count(o => o == OpCode.JmpIfNeg));
        Assert.Equal(1, ops.Count(o => o == OpCode.Jmp));
    }

    [Fact]
    public void JumpOffsetsLandOnTheBranches()
    {
        var code = Cc.Fn(Cc.Compile("fn pick(c){ if (c) 1.0 else 2.0 }\nfn dsp(){ pick(1.0) }"), "pick").Code;
        var j = Array.FindIndex(code, i => i.Op == OpCode.JmpIfNeg);
        var jmp = Array.FindIndex(code, i => i.Op == OpCode.Jmp);
        // JmpIfNeg skips the then-branch and the Jmp; Jmp skips the else-branch up to the join
        Assert.Equal(jmp + 1, j + 1 + code[j].B);
        Assert.True(jmp + 1 + code[jmp].A <= code.Length - 1);
        Assert.Equal(OpCode.MoveConst, code[jmp + 1].Op);
    }

    [Fact]
    public void MemAllocatesOneWordAndEmitsMem()
    {
        var p = Cc.Compile("fn dsp(x){ mem(x) + mem(x * 2.0) }");
        Assert.Equal(2, p.DspSkeleton.Size);
        Assert.Equal(new[] { StateKind.Mem, StateKind.Mem }, p.DspSkeleton.Children.Select(c => c.Kind));
        Assert.Equal(2, Cc.Ops(Cc.Fn(p, "dsp")).Count(o => o == OpCode.Mem));
    }

    [Fact]
    public void StatelessFunctionCallNeedsNoStateShift()
    {
        var p = Cc.Compile("fn add1(x){ x + 1.0 }\nfn dsp(){ add1(1.0) + add1(2.0) }");
        Assert.Equal(0, p.DspSkeleton.Size);
        Assert.DoesNotContain(OpCode.ShiftState, Cc.Ops(Cc.Fn(p, "dsp")));
        Assert.Equal(2, Cc.Ops(Cc.Fn(p, "dsp")).Count(o => o == OpCode.Call));
    }

    [Fact]
    public void GenericFunctionIsMonomorphisedPerType()
    {
        var p = Cc.Compile("fn id(x){ x }\nfn dsp(){ let t = id((1.0, 2.0))\n t.0 + id(3.0) }");
        var ids = p.Functions.Where(f => f.Name == "id").ToList();
        Assert.Equal(2, ids.Count);
        Assert.Equal(new[] { 1, 2 }, ids.Select(f => f.ResultWords).Order());
    }

    [Fact]
    public void TupleReturnUsesAMultiWordReturn()
    {
        var f = Cc.Fn(Cc.Compile("fn pair(x){ (x, x * 2.0, x * 3.0) }\nfn dsp(){ pair(1.0) }"), "pair");
        var ret = f.Code[^1];
        Assert.Equal(OpCode.Return, ret.Op);
        Assert.Equal(3, ret.B);
        Assert.Equal(3, f.ResultWords);
    }

    [Fact]
    public void ChannelCountsComeFromDspsType()
    {
        var p = Cc.Compile("fn dsp(x: (float, float)){ (x.0, x.1, 0.0) }");
        Assert.Equal(2, p.InputChannels);
        Assert.Equal(3, p.OutputChannels);
    }

    [Fact]
    public void GlobalsGetWordRangesAndNames()
    {
        var p = Cc.Compile("let a = 1.0\nlet b = (2.0, 3.0)\nfn dsp(){ a + b.1 }");
        Assert.Equal(3, p.GlobalWords);
        Assert.Equal(new[] { "a", "b" }, p.GlobalNames);
    }

    [Fact]
    public void ConstantsAreDeduplicated()
    {
        var p = Cc.Compile("fn dsp(){ 2.5 + 2.5 + 2.5 }");
        Assert.Single(p.Constants, c => c == 2.5);
    }

    [Fact]
    public void ProbeIsAnExternalCall()
    {
        var p = Cc.Compile("fn dsp(){ probe(1.0) }");
        Assert.Contains("probe", p.Externals);
        Assert.Contains(OpCode.CallExt, Cc.Ops(Cc.Fn(p, "dsp")));
    }

    [Fact]
    public void MacroStageCodeLeavesNoTraceInTheMainProgram()
    {
        const string src = """
            #stage(macro)
            fn three(){ 3.0 |> lift_f }
            #stage(main)
            fn dsp(){ three!() }
            """;
        var r = Cc.Raw(src);
        Assert.True(r.Success, string.Join("\n", r.Diagnostics.Select(d => d.Format())));
        Assert.DoesNotContain(r.Program!.Functions, f => f.Name == "three");
        Assert.Empty(r.Program.Externals);
        Assert.Contains(3.0, r.Program.Constants);
    }
}
