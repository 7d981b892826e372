using System.Collections.Immutable;
using Mimium.Runtime.Bytecode;
using Mimium.Runtime.State;
using Mimium.Runtime.Vm;

namespace Mimium.Runtime.Tests;

/// <summary>Hand assembly of small programs, so single instructions can be tested in isolation.</summary>
internal static class Asm
{
    public static Instruction I(OpCode op, int a = 0, int b = 0, int c = 0) => Instruction.Make(op, a, b, c);

    public static FunctionProto Fn(string name, int paramWords, int resultWords, StateNode? skeleton, params Instruction[] code) =>
        Fn(name, paramWords, resultWords, skeleton, ImmutableArray<UpvalueDescriptor>.Empty, code);

    public static FunctionProto Fn(string name, int paramWords, int resultWords, StateNode? skeleton, ImmutableArray<UpvalueDescriptor> upvalues, params Instruction[] code) => new()
    {
        Name = name,
        ParamWords = paramWords,
        ResultWords = resultWords,
        FrameSize = 16,
        Code = code,
        Locations = Enumerable.Range(0, code.Length).Select(i => new SourceLocation("asm.mmm", i + 1, 1)).ToArray(),
        Skeleton = skeleton ?? StateNode.Empty,
        Upvalues = upvalues,
    };

    public static FunctionProto EmptyInit => Fn("global", 0, 0, null, I(OpCode.Return, 0, 0));

    /// <summary>Function 0 is the global init unless one is given; dsp is the given index.</summary>
    public static CompiledProgram Program(double[] constants, int dsp, int globalWords, params FunctionProto[] functions) => new()
    {
        Functions = functions.ToImmutableArray(),
        Constants = constants.ToImmutableArray(),
        GlobalWords = globalWords,
        GlobalInit = 0,
        Dsp = dsp,
        Externals = ImmutableArray<string>.Empty,
    };

    public static StateNode DspTree(params StateNode[] children) => StateNode.Function("dsp", children);

    /// <summary>Runs dsp once per input row and collects the outputs.</summary>
    public static List<double[]> Run(VirtualMachine vm, int outputs, IEnumerable<double[]> inputs)
    {
        Assert.True(vm.RunGlobalInit(), $"init failed: {vm.Fault}");
        var rows = new List<double[]>();
        foreach (var input in inputs)
        {
            var output = new double[outputs];
            Assert.True(vm.RunDsp(input, output), $"dsp failed: {vm.Fault}");
            rows.Add(output);
        }
        return rows;
    }
}
