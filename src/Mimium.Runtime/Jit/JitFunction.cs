using Mimium.Runtime.Vm;

namespace Mimium.Runtime.Jit;

/// <summary>A function compiled to IL: the frame starts at <paramref name="bp"/>, state at <paramref name="sp"/>.</summary>
public delegate bool JitFunction(VirtualMachine vm, int bp, int sp, int closure);
