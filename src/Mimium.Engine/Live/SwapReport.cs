using Mimium.Syntax.Diagnostics;

namespace Mimium.Engine.Live;

/// <summary>What happened to one code submission.</summary>
public sealed record SwapReport
{
    public required bool Accepted { get; init; }
    /// <summary>The version now playing (the new one when accepted, else the unchanged old one).</summary>
    public required int Version { get; init; }
    public IReadOnlyList<Diagnostic> Diagnostics { get; init; } = Array.Empty<Diagnostic>();
    /// <summary>A runtime fault of the global evaluation or the trial block that rejected the program.</summary>
    public string? Fault { get; init; }
    public MigrationStats Migration { get; init; }
    public TimeSpan CompileTime { get; init; }
    /// <summary>Global evaluation, trial block and migration plan.</summary>
    public TimeSpan PrepareTime { get; init; }
    /// <summary>From submission to the block boundary where the new program started.</summary>
    public TimeSpan SwapLatency { get; init; }
    public bool Applied { get; init; }

    public Diagnostic? FirstError => Diagnostics.FirstOrDefault(d => d.Severity == Severity.Error);

    public string Summary() => Accepted
        ? $"version {Version}: kept {Migration.KeptNodes} state nodes ({Migration.KeptWords} words), added {Migration.AddedNodes}, dropped {Migration.DroppedNodes}; compile {CompileTime.TotalMilliseconds:0.0} ms, prepare {PrepareTime.TotalMilliseconds:0.0} ms, swap after {SwapLatency.TotalMilliseconds:0.0} ms"
        : $"rejected, version {Version} keeps playing: {(FirstError?.Format() ?? Fault ?? "unknown error")}";
}
