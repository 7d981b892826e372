using System.Runtime.CompilerServices;
using Mimium.Runtime.Bytecode;
using Mimium.Runtime.Vm;

namespace Mimium.Runtime.Jit;

/// <summary>
/// Compiled forms of a program's functions, made once per (immutable) program and shared by all
/// its VM instances. Each delegate is called once with a negative frame, which returns at once:
/// that makes the runtime compile it to native code here, on the compiling thread, and never
/// later on the audio thread.
/// </summary>
public static class JitCache
{
    private static readonly ConditionalWeakTable<CompiledProgram, JitFunction?[]> Cache = new();

    public static JitFunction?[] For(CompiledProgram program) => Cache.GetValue(program, Compile);

    private static JitFunction?[] Compile(CompiledProgram program)
    {
        var result = new JitFunction?[program.Functions.Length];
        for (var i = 0; i < result.Length; i++)
        {
            try
            {
                var f = JitCompiler.Compile(program, i);
                f(null!, -1, 0, -1);
                result[i] = f;
            }
            catch (NotSupportedException)
            {
                // That function stays interpreted.
            }
        }
        return result;
    }
}
