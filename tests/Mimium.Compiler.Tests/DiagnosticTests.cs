using Mimium.Syntax.Diagnostics;

namespace Mimium.Compiler.Tests;

/// <summary>Compile errors of the code generator, and how diagnostics are formatted.</summary>
public class DiagnosticTests
{
    private static Diagnostic Single(string source, string code)
    {
        var r = Cc.Raw(source);
        Assert.False(r.Success);
        Assert.Null(r.Program);
        return Assert.Single(r.Diagnostics, d => d.Code == code);
    }

    [Fact]
    public void DelayWithANonLiteralMaximumIsAnError()
    {
        const string src = """
            fn dsp(){
              let n = 10.0
              delay(n, 1.0, 2.0)
            }
            """;
        var d = Single(src, "MM3010");
        Assert.Equal((3, 9), (d.Line, d.Column));
    }

    [Fact]
    public void DelayWithAnArithmeticMaximumIsAnError()
    {
        Single("fn dsp(){ delay(5.0 + 5.0, 1.0, 2.0) }", "MM3010");
    }

    [Fact]
    public void StatefulRecursiveFunctionIsRejected()
    {
        const string src = """
            fn f(n){ if (n > 0.0) f(n - 1.0) + self else 0.0 }
            fn dsp(){ f(3.0) }
            """;
        var d = Single(src, "MM3011");
        Assert.Contains("`f`", d.Message);
        Assert.Equal(1, d.Line);
    }

    [Fact]
    public void FunctionRecursingThroughAStatefulCallIsRejected()
    {
        const string src = """
            fn counter(){ self + 1.0 }
            fn g(n){ if (n > 0.0) g(n - 1.0) + counter() else 0.0 }
            fn dsp(){ g(3.0) }
            """;
        Single(src, "MM3011");
    }

    [Fact]
    public void StatelessRecursionIsAccepted()
    {
        var r = Cc.Raw("fn f(n){ if (n > 0.0) f(n - 1.0) + 1.0 else 0.0 }\nfn dsp(){ f(3.0) }");
        Assert.True(r.Success);
    }

    [Fact]
    public void DiagnosticsCarryFileLineAndColumn()
    {
        var r = Cc.Raw("fn dsp(){\n  1.0 + undefined_name\n}", path: "dir/prog.mmm");
        var d = Assert.Single(r.Diagnostics);
        Assert.Equal("MM2001", d.Code);
        Assert.Equal((2, 9), (d.Line, d.Column));
        Assert.Equal("dir/prog.mmm", d.Span.File!.Path);
    }

    [Fact]
    public void FormatShowsTheSourceLineAndACaretUnderTheSpot()
    {
        const string src = "fn dsp(){\n  let n = 10.0\n  delay(n, 1.0, 2.0)\n}\n";
        var d = Assert.Single(Cc.Raw(src, path: "prog.mmm").Diagnostics);
        var lines = d.Format().Split('\n');
        Assert.Equal(3, lines.Length);
        Assert.StartsWith("prog.mmm:3:9: error MM3010: ", lines[0]);
        Assert.Equal("  delay(n, 1.0, 2.0)", lines[1]);
        Assert.Equal("        ^", lines[2]);
    }

    [Fact]
    public void FormatUnderlinesTheWholeSpan()
    {
        var d = Assert.Single(Cc.Raw("fn dsp(){ 1.0 + missing }", path: "p.mmm").Diagnostics);
        var lines = d.Format().Split('\n');
        Assert.Equal("p.mmm:1:17: error MM2001: " + d.Message, lines[0]);
        Assert.Equal(new string(' ', 16) + "^^^^^^^", lines[2]);
    }

    [Fact]
    public void TypeErrorsStopBeforeCodeGeneration()
    {
        var r = Cc.Raw("fn dsp(){ 1.0 + \"s\" }");
        Assert.Null(r.Program);
        Assert.Contains(r.Diagnostics, d => d.Code == "MM2002");
        Assert.NotNull(r.Types);
    }

    [Fact]
    public void SyntaxErrorsAreReportedWithRecovery()
    {
        var r = Cc.Raw("fn dsp(){ 1.0 + }\nlet x = (1.0\nlet y = 2.0 +* 3.0\n");
        Assert.False(r.Success);
        Assert.True(r.Diagnostics.Count >= 2);
        Assert.All(r.Diagnostics, d => Assert.StartsWith("MM1", d.Code));
    }
}
