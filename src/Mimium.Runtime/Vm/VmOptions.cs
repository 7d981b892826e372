namespace Mimium.Runtime.Vm;

/// <summary>Limits that turn runaway programs into faults instead of hangs or crashes.</summary>
public sealed record VmOptions
{
    public int StackWords { get; init; } = 1 << 16;
    public int MaxCallDepth { get; init; } = 1000;
    /// <summary>Calls allowed for one global evaluation or macro expansion.</summary>
    public long InitCallBudget { get; init; } = 20_000_000;
    /// <summary>Calls allowed for one dsp invocation (one sample).</summary>
    public long DspCallBudget { get; init; } = 1_000_000;
    public int MaxClosures { get; init; } = 1 << 16;
    public int MaxUpvalues { get; init; } = 1 << 17;
    /// <summary>Words for closure state and closed upvalues together.</summary>
    public int HeapWords { get; init; } = 1 << 23;
    public double SampleRate { get; init; } = 48000;
    /// <summary>Compile functions to IL (falling back to the interpreter for any it cannot).</summary>
    public bool Jit { get; init; } = true;
}
