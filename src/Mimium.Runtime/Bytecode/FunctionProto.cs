using System.Collections.Immutable;
using Mimium.Runtime.State;

namespace Mimium.Runtime.Bytecode;

/// <summary>Where a closure's upvalue comes from when the closure is created.</summary>
/// <param name="FromParentLocal">true: a register of the creating frame; false: an upvalue of the creating closure.</param>
/// <param name="Index">register index (relative to the creator's base) or the creator's upvalue index.</param>
/// <param name="Width">words of the captured value.</param>
public readonly record struct UpvalueDescriptor(bool FromParentLocal, int Index, int Width, string Name);

/// <summary>Source position of an instruction, for runtime diagnostics.</summary>
public readonly record struct SourceLocation(string File, int Line, int Column);

/// <summary>A compiled function; immutable once built.</summary>
public sealed class FunctionProto
{
    public required string Name { get; init; }
    public required int ParamWords { get; init; }
    public required int ResultWords { get; init; }
    /// <summary>Registers the frame needs, including parameters.</summary>
    public required int FrameSize { get; init; }
    public required Instruction[] Code { get; init; }
    public required SourceLocation[] Locations { get; init; }
    public ImmutableArray<UpvalueDescriptor> Upvalues { get; init; } = ImmutableArray<UpvalueDescriptor>.Empty;
    /// <summary>The state this function's body lays out (self, mem, delay, stateful calls).</summary>
    public required StateNode Skeleton { get; init; }
    public int StateSize => Skeleton.Size;
    public ImmutableArray<string> ParamNames { get; init; } = ImmutableArray<string>.Empty;
}
