using System.Runtime.InteropServices;

namespace Mimium.Runtime.Bytecode;

/// <summary>One instruction with three operands; 16 bytes so the interpreter indexes a flat array.</summary>
[StructLayout(LayoutKind.Sequential)]
public readonly record struct Instruction(OpCode Op, int A, int B, int C)
{
    public static Instruction Make(OpCode op, int a = 0, int b = 0, int c = 0) => new(op, a, b, c);
}
