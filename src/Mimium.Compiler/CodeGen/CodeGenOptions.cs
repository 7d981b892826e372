namespace Mimium.Compiler.CodeGen;

public enum SelfMode
{
    /// <summary>A function returns its new value and keeps it as the next `self` (mimium's default).</summary>
    SimpleState,
    /// <summary>`--self-init-0`: a function returns the stored value, then stores the new one.</summary>
    ZeroAtInit,
}

/// <summary>An external function the host provides to main-stage code, with its mimium type.</summary>
public sealed record HostFunction(string Name, Mimium.Types.FunctionMType Type);
