namespace Mimium.Types.Tests;

/// <summary>Type annotations on lets, parameters and return types, including type variables.</summary>
public class AnnotationTests
{
    [Theory]
    [InlineData("fn f(x: float) -> float { x }", "f", "(float) -> float")]
    [InlineData("fn first(p: (a, b)) -> a { p.0 }", "first", "(('a, 'b)) -> 'a")]
    [InlineData("fn same(x: a, y: a){ y }", "same", "('a, 'a) -> 'a")]
    [InlineData("fn app(f: (a) -> b, x: a) -> b { f(x) }", "app", "(('a) -> 'b, 'a) -> 'b")]
    [InlineData("let g: (float) -> float = |x| x", "g", "(float) -> float")]
    [InlineData("let p: (float, string) = (1.0, \"a\")", "p", "(float, string)")]
    [InlineData("fn thunk(f: () -> float){ f() }", "thunk", "(() -> float) -> float")]
    [InlineData("let h = |x: string| -> string x", "h", "(string) -> string")]
    public void AnnotationsDetermineTheType(string source, string name, string expected)
    {
        Assert.Equal(expected, Check.TypeOf(Check.Ok(source), name));
    }

    [Fact]
    public void SameTypeVariableInOneSignatureMeansTheSameType()
    {
        var errors = Check.Errors("fn same(x: a, y: a){ y }\nlet bad = same(1.0, \"s\")");
        var e = Assert.Single(errors);
        Assert.Equal("MM2002", e.Code);
        Assert.Contains("float", e.Message);
        Assert.Contains("string", e.Message);
    }

    [Fact]
    public void UnknownTypeNameIsReported()
    {
        var e = Assert.Single(Check.Errors("let x: Banana = 1.0"));
        Assert.Equal("MM2009", e.Code);
        Assert.Contains("Banana", e.Message);
    }
}
