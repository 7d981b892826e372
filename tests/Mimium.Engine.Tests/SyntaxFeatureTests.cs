namespace Mimium.Engine.Tests;

/// <summary>Tier 1 lexical and statement syntax, each checked by running a program.</summary>
public class SyntaxFeatureTests
{
    [Fact]
    public void LineAndBlockCommentsAreIgnored()
    {
        const string src = """
            // a leading line comment
            /* a block comment
               over two lines */ fn dsp(){
              /* inline */ 1.0 + /* between operands */ 2.0 // trailing
            }
            // a last-line comment without newline
            """;
        Assert.Equal(3.0, Mm.First(src));
    }

    [Fact]
    public void SemicolonsSeparateStatementsLikeNewlines()
    {
        Assert.Equal(6.0, Mm.First("fn dsp(){ let a = 1.0; let b = 2.0; a + b + 3.0 }"));
    }

    [Fact]
    public void LeadingNewlinesAndSemicolonsBeforeTheFirstStatementAreIgnored()
    {
        Assert.Equal(4.0, Mm.First("\n\n;;\nfn dsp(){ 4.0 }\n"));
    }

    [Fact]
    public void IntegerAndDecimalLiteralsAreFloats()
    {
        // 10 is a float: 10 / 4 is 2.5, not integer division.
        Assert.Equal(2.5 + 0.125, Mm.Eval("10 / 4 + 0.125"));
    }

    [Fact]
    public void ProjectionIndicesSplitAfterTheDot()
    {
        // `t.1.0` is the nested projection (t.1).0, not t.(1.0).
        Assert.Equal(20.0, Mm.Eval("{ let t = (1.0, (20.0, 300.0)); t.1.0 }"));
    }

    [Fact]
    public void StringLiteralsAreValuesThatCanBeStoredAndPassedAround()
    {
        const string src = "fn id(x){ x }\n"
            + "let info = (id(\"name\"), 2.0)\n"
            + "fn dsp(){\n"
            + "  let s: string = \"a\nmulti-line string\"\n"
            + "  info.1\n"
            + "}\n";
        Assert.Equal(2.0, Mm.First(src));
    }

    [Fact]
    public void StringLiteralsKeepBackslashesWithoutEscapeProcessing()
    {
        var program = Mm.Compile("let s = \"a\\nb\"\nfn dsp(){ 0.0 }");
        Assert.Contains("a\\nb", program.Strings);
    }

    [Fact]
    public void ALineStartingWithAnInfixOperatorContinuesTheExpression()
    {
        const string src = """
            fn dsp(){
              1.0
              + 2.0
              * 3.0
            }
            """;
        Assert.Equal(7.0, Mm.First(src));
    }

    [Fact]
    public void ALineStartingWithMinusContinuesRatherThanNegating()
    {
        const string src = """
            fn dsp(){
              let a = 10.0
              a
              - 4.0
            }
            """;
        Assert.Equal(6.0, Mm.First(src));
    }

    [Fact]
    public void LeadingPipesContinueAcrossLines()
    {
        const string src = """
            fn double(x){ x * 2.0 }
            fn dsp(){
              2.0
              |> double
              |> |v| v + 1.0
            }
            """;
        Assert.Equal(5.0, Mm.First(src));
    }

    [Fact]
    public void TrailingMacroPipesContinueAcrossLines()
    {
        const string src = """
            fn dsp(){
              5.0 ||>
                _ * 4.0 ||>
                _ - 1.0
            }
            """;
        Assert.Equal(19.0, Mm.First(src));
    }

    [Fact]
    public void AdjacentOperatorsWithoutWhitespaceAreASyntaxError()
    {
        Mm.Errors("fn dsp(){ 1.0+-2.0 }", "MM1013");
        Assert.Equal(-1.0, Mm.Eval("1.0 + -2.0"));
    }

    [Fact]
    public void EmptyLambdaIsWrittenWithASpace()
    {
        Assert.Equal(42.0, Mm.First("fn dsp(){\n  let f = | | 42.0\n  f()\n}"));
    }

    [Fact]
    public void FunctionsAcceptTypedAndUntypedParametersAndReturnTypes()
    {
        const string src = """
            fn f(a: float, b) -> float { a - b }
            fn g(x) -> (float, float) { (x, x * 2.0) }
            fn h(p: (float, float)) { p.0 + p.1 }
            fn dsp() -> float { f(5.0, 3.0) + h(g(10.0)) }
            """;
        Assert.Equal(2.0 + 30.0, Mm.First(src));
    }

    [Fact]
    public void LambdasAcceptTypedParametersAndReturnTypes()
    {
        Assert.Equal(9.0, Mm.Eval("{ let f = |x: float, y| -> float x * y; f(3.0, 3.0) }"));
    }

    [Fact]
    public void DspMayBeALetBoundLambda()
    {
        var program = Mm.Compile("let dsp = | | 7.0");
        Assert.Equal(1, program.OutputChannels);
        Assert.Equal(new[] { 7.0, 7.0 }, Mm.Mono("let dsp = | | 7.0", 2));
    }
}
