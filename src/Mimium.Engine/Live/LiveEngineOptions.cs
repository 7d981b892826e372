using Mimium.Compiler;
using Mimium.Runtime.Vm;

namespace Mimium.Engine.Live;

public sealed record LiveEngineOptions
{
    public int SampleRate { get; init; } = 48000;
    public CompilationOptions Compilation { get; init; } = new();
    public VmOptions Vm { get; init; } = new();
    public IReadOnlyDictionary<string, ExternalFunction> Externals { get; init; } = new Dictionary<string, ExternalFunction>();
    /// <summary>Fade length (samples) for changes where no state could be carried over; 0 = off.</summary>
    public int CrossfadeSamples { get; init; }
    /// <summary>Largest block the audio thread will ask for (sizes the crossfade scratch buffer).</summary>
    public int MaxBlockFrames { get; init; } = 4096;
    public int MaxChannels { get; init; } = 16;
    /// <summary>Frames of the trial block a new program must survive before it is swapped in.</summary>
    public int TrialFrames { get; init; } = 64;
    /// <summary>Named parameters (`Control!`) shared by every program version; null for none.</summary>
    public Parameters.ParameterBank? Parameters { get; init; }
    /// <summary>How long a submission waits for the audio thread to pick it up before applying it itself.</summary>
    public TimeSpan ApplyWait { get; init; } = TimeSpan.FromSeconds(1);
}
