using Mimium.Compiler;

namespace Mimium.Engine.Tests;

/// <summary>Global evaluation, dsp's channels, include, and runtime faults.</summary>
public class ProgramTests
{
    [Fact]
    public void GlobalStatementsAreEvaluatedOnceBeforeTheFirstDspCall()
    {
        const string src = """
            fn makecounter(){
              let x = 0.0
              | | {
                x = x + 1.0
                x
              }
            }
            let c = makecounter()
            let first = c()
            let second = c()
            fn dsp(){ first * 100.0 + second * 10.0 + c() }
            """;
        // globals ran once: first = 1, second = 2; dsp continues the same counter from 3
        Assert.Equal(new[] { 123.0, 124.0, 125.0 }, Mm.Mono(src, 3));
    }

    [Fact]
    public void GlobalSideEffectsHappenOnlyOnce()
    {
        var instance = new ProgramInstance(Mm.Compile("let k = probe(7.0)\nfn dsp(){ k }"));
        var output = new StringWriter();
        instance.Vm.Output = output;
        Assert.True(instance.Initialize());
        var (rows, fault) = OfflineRenderer.RenderRows(instance, 5);
        Assert.Null(fault);
        Assert.Equal("7", output.ToString());
        Assert.All(rows, r => Assert.Equal(7.0, r[0]));
    }

    [Fact]
    public void DspWithoutParametersHasNoInputs()
    {
        var program = Mm.Compile("fn dsp(){ 1.0 }");
        Assert.Equal(0, program.InputChannels);
        Assert.Equal(1, program.OutputChannels);
    }

    [Fact]
    public void DspWithOneParameterReadsOneInputChannel()
    {
        var instance = Mm.Start("fn dsp(x){ x * 2.0 + mem(x) }");
        Assert.Equal(1, instance.InputChannels);
        var output = new double[1];
        var results = new List<double>();
        foreach (var x in new[] { 3.0, -1.0, 0.5 })
        {
            Assert.True(instance.Tick(new[] { x }, output));
            results.Add(output[0]);
        }
        Assert.Equal(new[] { 6.0, -2.0 + 3.0, 1.0 - 1.0 }, results);
    }

    [Fact]
    public void DspWithATupleParameterReadsTwoInputChannelsAndWritesTwo()
    {
        var instance = Mm.Start("fn dsp(x: (float, float)){ (x.1, x.0 * 10.0) }");
        Assert.Equal(2, instance.InputChannels);
        Assert.Equal(2, instance.OutputChannels);
        var output = new double[2];
        Assert.True(instance.Tick(new[] { 1.0, 2.0 }, output));
        Assert.Equal(new[] { 2.0, 10.0 }, output);
    }

    [Fact]
    public void DspReturningATupleOfThreeHasThreeOutputChannels()
    {
        var program = Mm.Compile("fn dsp(){ (1.0, 2.0, 3.0) }");
        Assert.Equal(3, program.OutputChannels);
        Assert.Equal(new[] { 1.0, 2.0, 3.0 }, Assert.Single(Mm.Rows("fn dsp(){ (1.0, 2.0, 3.0) }", 1)));
    }

    [Fact]
    public void RenderInterleavesStereoFloatOutput()
    {
        var instance = Mm.Start("fn counter(){ self + 1.0 }\nfn dsp(){ let c = counter(); (c, 0.0 - c) }");
        var output = new float[6];
        Assert.True(instance.Render(ReadOnlySpan<float>.Empty, 0, output, 2, 3));
        Assert.Equal(new[] { 1f, -1f, 2f, -2f, 3f, -3f }, output);
    }

    [Fact]
    public void IncludeSplicesAnotherFilesStatements()
    {
        var dir = Directory.CreateTempSubdirectory("mimium-include-");
        try
        {
            File.WriteAllText(Path.Combine(dir.FullName, "helper_lib.mmm"), "fn helper(x){ x * 3.0 }\nlet offset = 1.0\n");
            var main = Path.Combine(dir.FullName, "main.mmm");
            const string src = "include(\"helper_lib.mmm\")\nfn dsp(){ helper(2.0) + offset }\n";
            File.WriteAllText(main, src);
            var program = Mm.Compile(src, path: main);
            var instance = new ProgramInstance(program);
            var (rows, fault) = OfflineRenderer.RenderRows(instance, 1);
            Assert.Null(fault);
            Assert.Equal(7.0, rows[0][0]);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void IncludingItselfIsAnError()
    {
        var dir = Directory.CreateTempSubdirectory("mimium-include-");
        try
        {
            var main = Path.Combine(dir.FullName, "selfinc.mmm");
            const string src = "include(\"selfinc.mmm\")\nfn dsp(){ 0.0 }\n";
            File.WriteAllText(main, src);
            var errors = Mm.Errors(src, "MM1021", path: main);
            Assert.Contains("include itself", errors[0].Message);
            Assert.Equal(1, errors[0].Line);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void MissingDspIsAnError()
    {
        Mm.Errors("fn notdsp(){ 1.0 }", "MM2010");
    }

    [Fact]
    public void StatefulCallsInGlobalEvaluationDoNotDisturbDspState()
    {
        const string src = """
            fn counter(){ self + 1.0 }
            let start = counter()
            fn dsp(){ counter() * 10.0 + start }
            """;
        Assert.Equal(new[] { 11.0, 21.0, 31.0 }, Mm.Mono(src, 3));
    }

    [Fact]
    public void NowCountsSamplesFromZeroAndIsZeroDuringGlobalEvaluation()
    {
        const string src = """
            let atInit = now
            fn dsp(){ (now, atInit, samplerate) }
            """;
        var rows = Mm.Rows(src, 3);
        Assert.Equal(new[] { 0.0, 1.0, 2.0 }, rows.Select(r => r[0]));
        Assert.All(rows, r => Assert.Equal(0.0, r[1]));
        Assert.All(rows, r => Assert.Equal(48000.0, r[2]));
    }

    [Fact]
    public void IncludeWithADotRelativePath()
    {
        var dir = Directory.CreateTempSubdirectory("mimium-include-");
        try
        {
            Directory.CreateDirectory(Path.Combine(dir.FullName, "sub"));
            File.WriteAllText(Path.Combine(dir.FullName, "sub", "two.mmm"), "fn two(){ 2.0 }\n");
            var main = Path.Combine(dir.FullName, "main.mmm");
            const string src = "include(\"./sub/two.mmm\")\nfn dsp(){ two() * 21.0 }\n";
            File.WriteAllText(main, src);
            var instance = new ProgramInstance(Mm.Compile(src, path: main));
            var (rows, fault) = OfflineRenderer.RenderRows(instance, 1);
            Assert.Null(fault);
            Assert.Equal(42.0, rows[0][0]);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void MissingIncludeIsAnError()
    {
        var dir = Directory.CreateTempSubdirectory("mimium-include-");
        try
        {
            var main = Path.Combine(dir.FullName, "main.mmm");
            const string src = "include(\"./nothing_here.mmm\")\nfn dsp(){ 0.0 }\n";
            var errors = Mm.Errors(src, "MM1020", path: main);
            Assert.Contains("nothing_here.mmm", errors[0].Message);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
