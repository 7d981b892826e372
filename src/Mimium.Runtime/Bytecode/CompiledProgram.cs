using System.Collections.Immutable;
using Mimium.Runtime.State;

namespace Mimium.Runtime.Bytecode;

/// <summary>
/// A whole compiled program. Immutable: the audio thread can swap one for another by reference.
/// </summary>
public sealed class CompiledProgram
{
    public required ImmutableArray<FunctionProto> Functions { get; init; }
    public required ImmutableArray<double> Constants { get; init; }
    public ImmutableArray<string> Strings { get; init; } = ImmutableArray<string>.Empty;
    /// <summary>Names of the external functions CallExt's C operand indexes; bound by the host.</summary>
    public ImmutableArray<string> Externals { get; init; } = ImmutableArray<string>.Empty;
    public ImmutableArray<string> GlobalNames { get; init; } = ImmutableArray<string>.Empty;
    public required int GlobalWords { get; init; }
    /// <summary>Evaluates the global statements once, before the first dsp call.</summary>
    public required int GlobalInit { get; init; }
    /// <summary>Index of `dsp`, or -1 when the program has none (macro stage programs).</summary>
    public int Dsp { get; init; } = -1;
    /// <summary>Global word holding dsp when it is a closure value (`let dsp = |...| ...`), else -1.</summary>
    public int DspGlobal { get; init; } = -1;
    public int InputChannels { get; init; }
    public int OutputChannels { get; init; }
    /// <summary>The state tree of the program (dsp's skeleton).</summary>
    public StateNode DspSkeleton => Dsp >= 0 ? Functions[Dsp].Skeleton : StateNode.Empty;
    /// <summary>The source the program was compiled from (kept for hosts that report it).</summary>
    public string Source { get; init; } = string.Empty;
}
