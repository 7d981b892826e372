namespace Mimium.Types.Tests;

/// <summary>Type errors: codes, messages naming both types, and positions.</summary>
public class ErrorTests
{
    [Fact]
    public void LetAnnotationMismatchNamesBothTypes()
    {
        var e = Assert.Single(Check.Errors("let a: string = 1.0"));
        Assert.Equal("MM2002", e.Code);
        Assert.Contains("expected string but found float", e.Message);
        Assert.Equal((1, 17), (e.Line, e.Column));
    }

    [Fact]
    public void ArgumentMismatchNamesBothTypesAndTheArgument()
    {
        var e = Assert.Single(Check.Errors("fn f(x: float){ x }\nlet y = f(\"s\")"));
        Assert.Equal("MM2002", e.Code);
        Assert.Contains("expected float but found string", e.Message);
        Assert.Contains("argument 1", e.Message);
        Assert.Equal((2, 11), (e.Line, e.Column));
    }

    [Fact]
    public void ReturnTypeMismatch()
    {
        var e = Assert.Single(Check.Errors("fn f() -> string { 1.0 }"));
        Assert.Equal("MM2002", e.Code);
        Assert.Contains("expected string but found float", e.Message);
    }

    [Fact]
    public void IfBranchesMustAgree()
    {
        var e = Assert.Single(Check.Errors("fn f(c){ if (c) 1.0 else \"no\" }"));
        Assert.Equal("MM2002", e.Code);
        Assert.Contains("float", e.Message);
        Assert.Contains("string", e.Message);
    }

    [Fact]
    public void IfConditionMustBeAFloat()
    {
        var e = Assert.Single(Check.Errors("fn f(){ if (\"yes\") 1.0 else 2.0 }"));
        Assert.Equal("MM2002", e.Code);
        Assert.Contains("expected float but found string", e.Message);
    }

    [Fact]
    public void TupleSizeMismatchInAPattern()
    {
        var e = Assert.Single(Check.Errors("let (a, b) = (1.0, 2.0, 3.0)"));
        Assert.Equal("MM2002", e.Code);
        Assert.Contains("(float, float, float)", e.Message);
    }

    [Fact]
    public void AssignmentMustKeepTheVariablesType()
    {
        var e = Assert.Single(Check.Errors("fn f(){\n  let x = 1.0\n  x = \"s\"\n  x\n}"));
        Assert.Equal("MM2002", e.Code);
        Assert.Contains("expected float but found string", e.Message);
    }

    [Fact]
    public void AssigningToAFunctionIsAnError()
    {
        var e = Assert.Single(Check.Errors("fn g(){ 1.0 }\nfn f(){\n  g = 2.0\n  0.0\n}"));
        Assert.Equal("MM2012", e.Code);
    }

    [Theory]
    [InlineData("fn f(a, b){ a }\nlet x = f(1.0)", 2, 1)]
    [InlineData("fn f(a){ a }\nlet x = f(1.0, 2.0, 3.0)", 1, 3)]
    [InlineData("let x = sin(1.0, 2.0)", 1, 2)]
    public void ArityMismatchSaysHowManyArgumentsWereExpectedAndGiven(string source, int expected, int given)
    {
        var e = Assert.Single(Check.Errors(source));
        Assert.Equal("MM2003", e.Code);
        Assert.Contains($"takes {expected} argument(s) but {given} were given", e.Message);
    }

    [Fact]
    public void CallingANonFunctionIsAnError()
    {
        var e = Assert.Single(Check.Errors("let x = 1.0\nlet y = x(2.0)"));
        Assert.Equal("MM2004", e.Code);
        Assert.Contains("float", e.Message);
    }

    [Fact]
    public void UnboundVariableIsNamed()
    {
        var e = Assert.Single(Check.Errors("let y = zz + 1.0"));
        Assert.Equal("MM2001", e.Code);
        Assert.Contains("zz", e.Message);
        Assert.Equal((1, 9), (e.Line, e.Column));
    }

    [Fact]
    public void VariableIsNotVisibleBeforeItsDefinition()
    {
        var e = Assert.Single(Check.Errors("let a = b\nlet b = 1.0"));
        Assert.Equal("MM2001", e.Code);
    }

    [Fact]
    public void SelfInGlobalContextIsAnError()
    {
        var e = Assert.Single(Check.Errors("let s = self"));
        Assert.Equal("MM2007", e.Code);
        Assert.Equal("self cannot be used in global context.", e.Message);
    }

    [Fact]
    public void SelfCannotHaveAFunctionType()
    {
        var errors = Check.Errors("fn f(){\n  let g = self\n  |x| x\n}");
        Assert.Contains(errors, e => e.Code == "MM2008");
    }

    [Fact]
    public void OccursCheckRejectsSelfApplication()
    {
        var e = Assert.Single(Check.Errors("fn f(x){ x(x) }"));
        Assert.Equal("MM2005", e.Code);
    }

    [Fact]
    public void TupleIndexOutOfRange()
    {
        var e = Assert.Single(Check.Errors("let t = (1.0, 2.0)\nlet u = t.2"));
        Assert.Equal("MM2006", e.Code);
    }

    [Fact]
    public void ProjectionOfAFloatIsAnError()
    {
        var e = Assert.Single(Check.Errors("let t = 1.0\nlet u = t.0"));
        Assert.Equal("MM2002", e.Code);
        Assert.Contains("tuple", e.Message);
    }

    [Fact]
    public void SeveralErrorsAreReportedAtOnce()
    {
        var errors = Check.Errors("""
            let a: string = 1.0
            let b = nowhere
            fn f(x, y){ x }
            let c = f(1.0)
            let d = self
            """);
        Assert.Equal(new[] { "MM2002", "MM2001", "MM2003", "MM2007" }, errors.Select(e => e.Code));
        Assert.Equal(new[] { 1, 2, 4, 5 }, errors.Select(e => e.Line));
    }

    [Fact]
    public void MissingDspIsReportedWhenRequired()
    {
        var e = Assert.Single(Check.Errors("fn f(){ 1.0 }", requireDsp: true));
        Assert.Equal("MM2010", e.Code);
    }

    [Theory]
    [InlineData("let dsp = 1.0")]
    [InlineData("fn dsp(){ \"s\" }")]
    [InlineData("fn dsp(x: string){ 1.0 }")]
    [InlineData("fn dsp(){ |x| x }")]
    public void DspMustMapFloatsToFloats(string source)
    {
        var errors = Check.Errors(source, requireDsp: true);
        Assert.Contains(errors, e => e.Code == "MM2011");
    }
}
