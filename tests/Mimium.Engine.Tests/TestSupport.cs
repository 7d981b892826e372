using Mimium.Compiler;
using Mimium.Runtime.Bytecode;
using Mimium.Runtime.Vm;
using Mimium.Syntax.Diagnostics;

namespace Mimium.Engine.Tests;

/// <summary>Compile-and-run helpers: every test program is compiled from source and rendered offline.</summary>
internal static class Mm
{
    public static CompilationResult CompileRaw(string source, CompilationOptions? options = null, string path = "test.mmm") =>
        Compilation.CompileSource(path, source, options);

    public static CompiledProgram Compile(string source, CompilationOptions? options = null, string path = "test.mmm")
    {
        var r = CompileRaw(source, options, path);
        Assert.True(r.Success, "compilation failed:\n" + string.Join("\n", r.Diagnostics.Select(d => d.Format())));
        return r.Program!;
    }

    public static ProgramInstance Start(string source, CompilationOptions? options = null, VmOptions? vm = null)
    {
        var instance = new ProgramInstance(Compile(source, options), vm);
        Assert.True(instance.Initialize(), $"global evaluation failed: {instance.Fault}");
        return instance;
    }

    public static List<double[]> Rows(string source, int times, CompilationOptions? options = null)
    {
        var instance = Start(source, options);
        var (rows, fault) = OfflineRenderer.RenderRows(instance, times);
        Assert.True(fault is null, $"runtime fault: {fault}");
        Assert.Equal(times, rows.Count);
        return rows;
    }

    /// <summary>Renders a one-channel program.</summary>
    public static double[] Mono(string source, int times, CompilationOptions? options = null)
    {
        var rows = Rows(source, times, options);
        Assert.All(rows, r => Assert.Single(r));
        return rows.Select(r => r[0]).ToArray();
    }

    /// <summary>The first sample of a one-channel program.</summary>
    public static double First(string source, CompilationOptions? options = null) => Mono(source, 1, options)[0];

    /// <summary>`fn dsp(){ EXPR }` evaluated once.</summary>
    public static double Eval(string expression) => First($"fn dsp(){{\n  {expression}\n}}\n");

    public static void Close(double expected, double actual, double tolerance = 1e-12)
    {
        if (double.IsNaN(expected)) { Assert.True(double.IsNaN(actual), $"expected NaN but got {actual}"); return; }
        Assert.True(Math.Abs(expected - actual) <= tolerance, $"expected {expected:R} but got {actual:R}");
    }

    public static void Close(IReadOnlyList<double> expected, IReadOnlyList<double> actual, double tolerance = 1e-12)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance,
                $"sample {i}: expected {expected[i]:R} but got {actual[i]:R}\nexpected: {string.Join(", ", expected)}\nactual:   {string.Join(", ", actual)}");
        }
    }

    /// <summary>Compiles a program that must fail and returns the diagnostics with the given code.</summary>
    public static IReadOnlyList<Diagnostic> Errors(string source, string code, CompilationOptions? options = null, string path = "test.mmm")
    {
        var r = CompileRaw(source, options, path);
        Assert.False(r.Success, "compilation unexpectedly succeeded");
        var matching = r.Diagnostics.Where(d => d.Code == code).ToList();
        Assert.True(matching.Count > 0, $"no {code} among:\n" + string.Join("\n", r.Diagnostics.Select(d => d.Format())));
        return matching;
    }

    /// <summary>1, 2, 3, … — what `fn counter(){ self + 1.0 }` yields by default.</summary>
    public static double[] Counting(int n, double start = 1.0, double step = 1.0) =>
        Enumerable.Range(0, n).Select(i => start + i * step).ToArray();
}
