namespace Mimium.Types;

public sealed record TypeCheckOptions
{
    /// <summary>0 checks a macro-stage program (quotes, lift), 1 the main program.</summary>
    public int Stage { get; init; } = 1;
    /// <summary>Names bound in the other stage, to give the stage error instead of "unbound".</summary>
    public IReadOnlySet<string> OtherStageNames { get; init; } = new HashSet<string>();
    /// <summary>Extra builtins supplied by the host (e.g. host macros in stage 0).</summary>
    public IReadOnlyDictionary<string, Scheme> HostBuiltins { get; init; } = new Dictionary<string, Scheme>();
    /// <summary>Require a `dsp` entry point.</summary>
    public bool RequireDsp { get; init; } = true;
}
