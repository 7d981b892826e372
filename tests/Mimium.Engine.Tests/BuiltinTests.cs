namespace Mimium.Engine.Tests;

/// <summary>Every builtin function of §1.13, against C#'s math library.</summary>
public class BuiltinTests
{
    private const double NaN = double.NaN;

    public static TheoryData<string, double> Builtins => new()
    {
        // arithmetic as functions
        { "add(1.5, 2.0)", 3.5 },
        { "sub(5.0, 7.0)", -2.0 },
        { "mult(3.0, 4.0)", 12.0 },
        { "div(1.0, 4.0)", 0.25 },
        { "modulo(7.5, 2.0)", 1.5 },
        { "pow(2.0, 10.0)", 1024.0 },
        { "neg(3.0)", -3.0 },
        // % takes the sign of the dividend (IEEE fmod)
        { "-7.0 % 3.0", -1.0 },
        { "7.0 % -3.0", 1.0 },
        { "modulo(-7.5, 2.0)", -1.5 },
        // min / max ignore NaN
        { "min(1.0, 4.0)", 1.0 },
        { "max(1.0, 4.0)", 4.0 },
        { "min(0.0 / 0.0, 3.0)", 3.0 },
        { "min(3.0, 0.0 / 0.0)", 3.0 },
        { "max(0.0 / 0.0, -2.0)", -2.0 },
        { "max(-2.0, 0.0 / 0.0)", -2.0 },
        // rounding: half away from zero
        { "round(2.5)", 3.0 },
        { "round(-2.5)", -3.0 },
        { "round(0.5)", 1.0 },
        { "round(1.4)", 1.0 },
        { "round(-1.6)", -2.0 },
        { "floor(-1.5)", -2.0 },
        { "floor(1.5)", 1.0 },
        { "ceil(-1.5)", -1.0 },
        { "ceil(1.2)", 2.0 },
        // log is natural
        { "log(2.0) / log(10.0)", 0.3010299956639812 },
        { "log(1.0)", 0.0 },
        { "log(4.0)", Math.Log(4.0) },
        // not: 1 iff the argument is 0
        { "not(0.0)", 1.0 },
        { "not(2.0)", 0.0 },
        { "not(-1.0)", 0.0 },
        { "not(0.0 / 0.0)", 0.0 },
        // comparisons yield 1 / 0
        { "gt(2.0, 1.0)", 1.0 },
        { "gt(1.0, 1.0)", 0.0 },
        { "lt(2.0, 1.0)", 0.0 },
        { "lt(1.0, 2.0)", 1.0 },
        { "ge(2.0, 2.0)", 1.0 },
        { "le(3.0, 2.0)", 0.0 },
        { "le(2.0, 2.0)", 1.0 },
        { "eq(1.0, 1.0)", 1.0 },
        { "eq(0.0 / 0.0, 0.0 / 0.0)", 0.0 },
        { "ne(1.0, 1.0)", 0.0 },
        { "ne(0.0 / 0.0, 0.0 / 0.0)", 1.0 },
        // and / or: operands are true iff > 0
        { "and(1.0, 0.5)", 1.0 },
        { "and(1.0, 0.0)", 0.0 },
        { "and(-1.0, 1.0)", 0.0 },
        { "or(0.0, 0.0)", 0.0 },
        { "or(0.0, 2.0)", 1.0 },
        { "or(-1.0, -1.0)", 0.0 },
        // math
        { "abs(-3.0)", 3.0 },
        { "sqrt(16.0)", 4.0 },
        { "sqrt(-1.0)", NaN },
        { "sin(1.0)", Math.Sin(1.0) },
        { "cos(1.0)", Math.Cos(1.0) },
        { "tan(1.0)", Math.Tan(1.0) },
        { "sinh(1.0)", Math.Sinh(1.0) },
        { "cosh(1.0)", Math.Cosh(1.0) },
        { "tanh(1.0)", Math.Tanh(1.0) },
        { "asin(0.5)", Math.Asin(0.5) },
        { "acos(0.5)", Math.Acos(0.5) },
        { "atan(1.0)", Math.Atan(1.0) },
        { "atan2(1.0, 2.0)", Math.Atan2(1.0, 2.0) },
        { "atan2(-1.0, -2.0)", Math.Atan2(-1.0, -2.0) },
    };

    [Theory]
    [MemberData(nameof(Builtins))]
    public void BuiltinFunctionComputesMimiumSemantics(string expression, double expected)
    {
        Mm.Close(expected, Mm.Eval(expression), 1e-15);
    }

    [Fact]
    public void BuiltinsCanBePassedAsFunctionValues()
    {
        const string src = """
            fn apply2(f, a, b){ f(a, b) }
            fn apply1(f, a){ f(a) }
            fn dsp(){ apply2(max, 3.0, 8.0) + apply2(sub, 10.0, 1.0) + apply1(abs, -2.0) }
            """;
        Assert.Equal(8.0 + 9.0 + 2.0, Mm.First(src));
    }

    [Fact]
    public void ProbePrintsLikeRustDisplayAndReturnsItsArgument()
    {
        const string src = """
            fn dsp(){
              probe(5.0) + probe(2.5) + probeln(-3.0) + probeln(0.1 + 0.2)
            }
            """;
        var instance = Mm.Start(src);
        var output = new StringWriter();
        instance.Vm.Output = output;
        var (rows, fault) = OfflineRenderer.RenderRows(instance, 1);
        Assert.Null(fault);
        Assert.Equal("52.5-3\n0.30000000000000004\n", output.ToString().Replace("\r\n", "\n"));
        Assert.Equal(5.0 + 2.5 - 3.0 + (0.1 + 0.2), rows[0][0]);
    }

    [Fact]
    public void ProbePrintsNonFiniteValues()
    {
        var instance = Mm.Start("fn dsp(){ probe(1.0 / 0.0) + probe(0.0 / 0.0) }");
        var output = new StringWriter();
        instance.Vm.Output = output;
        OfflineRenderer.RenderRows(instance, 1);
        Assert.Equal("infNaN", output.ToString());
    }
}
