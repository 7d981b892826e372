using System.Collections.Immutable;
using Mimium.Compiler;
using Mimium.Compiler.Macros;
using Mimium.Runtime.State;
using Mimium.Runtime.Vm;
using Mimium.Syntax.Ast;
using Mimium.Types;

namespace Mimium.Engine.Tests;

/// <summary>Tier 2: stages, quote/splice, lift, macro calls and host macros.</summary>
public class MultiStageTests
{
    private const string Oscillators = """
        fn phasor(freq){
          (self + freq / 48000.0) % 1.0
        }
        fn sinwave(freq, phase){
          sin((phasor(freq) + phase) * 6.283185307179586)
        }

        """;

    private const string Bank = """
        #stage(macro)
        fn oscillator_bank(n){
          if (n > 0.0) {
            `{ sinwave(440.0 * $(n |> lift_f), 0.0) + oscillator_bank!(n - 1.0) }
          } else {
            `{ 0.0 }
          }
        }
        #stage(main)

        """;

    /// <summary>Σ_k sin(phase_k · 2π), phase_k advancing by 440·k/48000 per sample, summed like the expansion.</summary>
    private static double[] Reference(int oscillators, int samples)
    {
        var phases = new double[oscillators + 1];
        var result = new double[samples];
        for (var s = 0; s < samples; s++)
        {
            var sum = 0.0;
            for (var k = 1; k <= oscillators; k++)
            {
                phases[k] = (phases[k] + 440.0 * k / 48000.0) % 1.0;
                sum = Math.Sin((phases[k] + 0.0) * 6.283185307179586) + sum;
            }
            result[s] = sum;
        }
        return result;
    }

    [Theory]
    [InlineData(3)]
    [InlineData(4)]
    public void OscillatorBankMacroExpandsToTheHandWrittenProgram(int n)
    {
        var generated = Mm.Compile(Oscillators + Bank + $"fn dsp(){{ oscillator_bank!({n}.0) }}\n");
        var handBody = "0.0";
        for (var k = 1; k <= n; k++) handBody = $"sinwave(440.0 * {k}.0, 0.0) + ({handBody})";
        var handWritten = Mm.Compile(Oscillators + $"fn dsp(){{ {handBody} }}\n");

        var a = Render(generated, 64);
        var b = Render(handWritten, 64);
        Assert.Equal(b, a);
        Mm.Close(Reference(n, 64), a, 1e-9);

        var oscillators = generated.DspSkeleton.Children;
        Assert.Equal(n, oscillators.Length);
        Assert.All(oscillators, o => Assert.Equal(StateKind.FnCall, o.Kind));
        Assert.Equal(n, generated.DspSkeleton.Size);
        Assert.Equal(handWritten.DspSkeleton.Size, generated.DspSkeleton.Size);
    }

    private static double[] Render(Mimium.Runtime.Bytecode.CompiledProgram program, int samples)
    {
        var instance = new ProgramInstance(program);
        var (rows, fault) = OfflineRenderer.RenderRows(instance, samples);
        Assert.Null(fault);
        return rows.Select(r => r[0]).ToArray();
    }

    [Fact]
    public void TopLevelSpliceBlockDefinesMainStageStatements()
    {
        const string src = """
            ${
              let square = |x| `{ $x * $x }
              `{
                let dsp = | | { $(square(`3.0)) + 1.0 }
              }
            }
            """;
        Assert.Equal(10.0, Mm.First(src));
    }

    [Fact]
    public void RecursiveCodeGenerationWithLetRecAtMacroStage()
    {
        // power(n) unrolls x * x * … n times at compile time
        const string src = """
            #stage(macro)
            fn genpower(n){
              letrec aux = |k, x| {
                if (k > 1.0) {
                  `{ $x * $(aux(k - 1.0, x)) }
                } else {
                  x
                }
              }
              `{ |x: float| $(aux(n, `x)) }
            }
            #stage(main)
            fn dsp(){ genpower!(4.0)(3.0) }
            """;
        Assert.Equal(81.0, Mm.First(src));
    }

    [Fact]
    public void LiftTurnsMacroStageValuesIntoMainStageCode()
    {
        const string src = """
            #stage(macro)
            let pair = (2.0, 5.0)
            let k = 3.0
            #stage(main)
            fn dsp(){
              let p = $(lift(pair))
              p.0 * p.1 + $(lift_f(k))
            }
            """;
        Assert.Equal(13.0, Mm.First(src));
    }

    [Fact]
    public void MacroCallIsSugarForSplicingACall()
    {
        const string src = """
            #stage(macro)
            fn constant(x){ x * 2.0 |> lift_f }
            #stage(main)
            fn dsp(){ constant!(4.0) + $(constant(1.0)) }
            """;
        Assert.Equal(10.0, Mm.First(src));
    }

    [Fact]
    public void MacroStageComputationRunsAtCompileTime()
    {
        const string src = """
            #stage(macro)
            fn fib(n){ if (n < 2.0) n else fib(n - 1.0) + fib(n - 2.0) }
            #stage(main)
            fn dsp(){ $(fib(15.0) |> lift_f) }
            """;
        var program = Mm.Compile(src);
        Assert.Contains(610.0, program.Constants);
        Assert.Equal(610.0, Mm.First(src));
    }

    [Fact]
    public void MacroStageCounterClosureCalledTwiceYieldsOneThenTwo()
    {
        const string src = """
            #stage(macro)
            fn makecounter(){
              let x = 0.0
              | | {
                x = x + 1.0
                x
              }
            }
            let tick = makecounter()
            #stage(main)
            fn dsp(){
              let l = $(tick() |> lift_f)
              let r = $(tick() |> lift_f)
              (l, r)
            }
            """;
        Assert.Equal(new[] { 1.0, 2.0 }, Assert.Single(Mm.Rows(src, 1)));
    }

    [Fact]
    public void EachMacroExpansionOfAStatefulCallGetsItsOwnState()
    {
        const string src = """
            fn counter(){ self + 1.0 }
            #stage(macro)
            fn count(){ `{ counter() } }
            #stage(main)
            fn dsp(){ count!() * 10.0 + count!() }
            """;
        Assert.Equal(new[] { 11.0, 22.0, 33.0 }, Mm.Mono(src, 3));
    }

    [Fact]
    public void MacroStageVariableUsedInMainStageWithoutSpliceIsAStageError()
    {
        const string src = """
            #stage(macro)
            let k = 3.0
            #stage(main)
            fn dsp(){ k }
            """;
        var errors = Mm.Errors(src, "MM3001");
        Assert.Contains("Variable k is defined in stage 0 but accessed from stage 1", errors[0].Message);
    }

    [Fact]
    public void MacroStageVariableInsideAQuoteIsAStageError()
    {
        const string src = """
            ${
              let k = 42.0
              `{
                let dsp = | | k + 1.0
              }
            }
            """;
        var errors = Mm.Errors(src, "MM3001");
        Assert.Contains("Variable k is defined in stage 0 but accessed from stage 1", errors[0].Message);
        Assert.Equal(4, errors[0].Line);
    }

    [Fact]
    public void RunawayMacroRecursionIsADiagnosticNotACrash()
    {
        const string src = """
            #stage(macro)
            fn spin(n){ spin(n + 1.0) + 1.0 }
            #stage(main)
            fn dsp(){ $(spin(0.0) |> lift_f) }
            """;
        var errors = Mm.Errors(src, "MM3002");
        Assert.Contains("stack overflow", errors[0].Message);
    }

    [Fact]
    public void ExponentialMacroComputationStopsAtTheCallBudget()
    {
        const string src = """
            #stage(macro)
            fn fib(n){ if (n < 2.0) n else fib(n - 1.0) + fib(n - 2.0) }
            #stage(main)
            fn dsp(){ $(fib(40.0) |> lift_f) }
            """;
        var options = new CompilationOptions { MacroVm = new VmOptions { InitCallBudget = 100_000 } };
        var started = DateTime.UtcNow;
        var errors = Mm.Errors(src, "MM3002", options);
        Assert.Contains("budget", errors[0].Message);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(20));
    }

    [Fact]
    public void RunawayMacroStageGlobalIsADiagnostic()
    {
        const string src = """
            #stage(macro)
            fn fib(n){ if (n < 2.0) n else fib(n - 1.0) + fib(n - 2.0) }
            let big = fib(40.0)
            #stage(main)
            fn dsp(){ $(big |> lift_f) }
            """;
        var options = new CompilationOptions { MacroVm = new VmOptions { InitCallBudget = 100_000 } };
        Mm.Errors(src, "MM3002", options);
    }

    [Fact]
    public void HostMacroRegisteredThroughOptionsExpands()
    {
        var constMacro = new HostMacro("Const", ImmutableArray.Create<MType>(PrimType.Float), PrimType.Float,
            call => new NumberLit(call.Number(0) * 2.0, Mimium.Syntax.Text.Span.None));
        var options = new CompilationOptions { HostMacros = new[] { constMacro } };
        var result = Mm.CompileRaw("fn dsp(){ Const!(3.0) + 1.0 }", options);
        Assert.True(result.Success, string.Join("\n", result.Diagnostics.Select(d => d.Format())));
        var instance = new ProgramInstance(result.Program!);
        var (rows, fault) = OfflineRenderer.RenderRows(instance, 1);
        Assert.Null(fault);
        Assert.Equal(7.0, rows[0][0]);
    }

    [Fact]
    public void HostMacroFailureIsReported()
    {
        var failing = new HostMacro("Nope", ImmutableArray.Create<MType>(PrimType.Float), PrimType.Float,
            call => { call.Error = "refused"; return null; });
        var options = new CompilationOptions { HostMacros = new[] { failing } };
        var errors = Mm.Errors("fn dsp(){ Nope!(1.0) }", "MM3002", options);
        Assert.Contains(errors, e => e.Message.Contains("refused"));
    }

    [Fact]
    public void StatefulCallInASpliceDoesNotClobberMacroStageClosures()
    {
        const string src = """
            #stage(macro)
            fn makecounter(){
              let x = 0.0
              | | {
                x = x + 1.0
                x
              }
            }
            let tick = makecounter()
            fn st(){ self + 100.0 }
            #stage(main)
            fn dsp(){ ($(st() |> lift_f), $(tick() |> lift_f)) }
            """;
        Assert.Equal(new[] { 100.0, 1.0 }, Assert.Single(Mm.Rows(src, 1)));
    }

    [Fact]
    public void StagesCanAlternateSeveralTimes()
    {
        const string src = """
            #stage(macro)
            fn a(){ 1.0 |> lift_f }
            #stage(main)
            fn one(){ a!() }
            #stage(macro)
            fn b(){ `{ one() + 10.0 } }
            #stage(main)
            fn dsp(){ b!() }
            """;
        Assert.Equal(11.0, Mm.First(src));
    }

    [Fact]
    public void MacroStageTypeErrorsAreReported()
    {
        const string src = """
            #stage(macro)
            fn bad(){ 1.0 + "s" }
            #stage(main)
            fn dsp(){ 0.0 }
            """;
        Mm.Errors(src, "MM2002");
    }

    [Fact]
    public void SpliceOfANonCodeValueIsAnError()
    {
        const string src = """
            #stage(macro)
            fn num(){ 1.0 }
            #stage(main)
            fn dsp(){ num!() }
            """;
        Mm.Errors(src, "MM3003");
    }

    [Fact]
    public void LiftOfAStringMakesAStringLiteral()
    {
        const string src = """
            #stage(macro)
            let name = "osc"
            #stage(main)
            let s: string = $(lift(name))
            fn dsp(){ 1.0 }
            """;
        var result = Mm.CompileRaw(src);
        Assert.True(result.Success, string.Join("\n", result.Diagnostics.Select(d => d.Format())));
        Assert.Contains("osc", result.Program!.Strings);
    }
}
