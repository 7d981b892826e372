using Mimium.Runtime.Bytecode;

namespace Mimium.Runtime.Vm;

public enum VmFaultKind
{
    StackOverflow,
    CallBudgetExceeded,
    HeapExhausted,
    ExternalFailed,
    ClosureEscaped,
}

/// <summary>Why execution stopped; a value, so the audio thread never unwinds with an exception.</summary>
public sealed record VmFault(VmFaultKind Kind, string Message, string Function, SourceLocation Location)
{
    public string Code => Kind switch
    {
        VmFaultKind.StackOverflow => "MM4001",
        VmFaultKind.CallBudgetExceeded => "MM4002",
        VmFaultKind.HeapExhausted => "MM4003",
        _ => "MM4004",
    };

    public override string ToString() => $"{Location.File}:{Location.Line}:{Location.Column}: error {Code}: {Message} (in {Function})";
}
