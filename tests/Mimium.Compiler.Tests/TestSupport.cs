using Mimium.Runtime.Bytecode;
using Mimium.Runtime.State;

namespace Mimium.Compiler.Tests;

internal static class Cc
{
    /// <summary>
    /// These tests look at the λmmm code shape (one CALL per function call), so inlining is off
    /// unless a test turns it on.
    /// </summary>
    public static CompilationResult Raw(string source, CompilationOptions? options = null, string path = "t.mmm") =>
        Compilation.CompileSource(path, source, options ?? new CompilationOptions { Inline = false });

    public static CompiledProgram Compile(string source, CompilationOptions? options = null)
    {
        var r = Raw(source, options);
        Assert.True(r.Success, "compilation failed:\n" + string.Join("\n", r.Diagnostics.Select(d => d.Format())));
        return r.Program!;
    }

    public static FunctionProto Fn(CompiledProgram p, string name) => Assert.Single(p.Functions, f => f.Name == name);

    public static OpCode[] Ops(FunctionProto f) => f.Code.Select(i => i.Op).ToArray();

    public static IEnumerable<StateNode> Walk(StateNode n)
    {
        yield return n;
        foreach (var c in n.Children)
        {
            foreach (var d in Walk(c)) yield return d;
        }
    }
}
