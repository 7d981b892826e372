namespace Mimium.Runtime.Vm;

/// <summary>
/// A host function reachable through CallExt. It reads its arguments from the start of
/// <paramref name="frame"/> and writes its results there. Returning false faults the VM.
/// </summary>
public delegate bool ExternalFunction(VirtualMachine vm, Span<double> frame);
