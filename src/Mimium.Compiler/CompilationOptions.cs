using Mimium.Compiler.CodeGen;
using Mimium.Compiler.Macros;
using Mimium.Runtime.Vm;

namespace Mimium.Compiler;

public sealed record CompilationOptions
{
    public SelfMode SelfMode { get; init; } = SelfMode.SimpleState;
    /// <summary>Folders searched by `include` before the file's own neighbourhood.</summary>
    public IReadOnlyList<string> LibraryPaths { get; init; } = Array.Empty<string>();
    /// <summary>Macros the host adds (`Control!`, …), expanded by the same mechanism as user macros.</summary>
    public IReadOnlyList<HostMacro> HostMacros { get; init; } = Array.Empty<HostMacro>();
    /// <summary>External functions the host provides to main-stage code.</summary>
    public IReadOnlyList<HostFunction> HostFunctions { get; init; } = Array.Empty<HostFunction>();
    /// <summary>Budget and limits for running macro-stage code at compile time.</summary>
    public VmOptions MacroVm { get; init; } = new();
    /// <summary>Inline small leaf functions (off shows the paper's CALL-per-function bytecode).</summary>
    public bool Inline { get; init; } = true;
    /// <summary>Source larger than this is rejected before parsing.</summary>
    public int MaxSourceLength { get; init; } = 4 * 1024 * 1024;
}
