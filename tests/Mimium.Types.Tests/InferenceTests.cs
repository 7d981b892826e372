namespace Mimium.Types.Tests;

/// <summary>Hindley–Milner inference: the printed types of top-level definitions.</summary>
public class InferenceTests
{
    [Theory]
    [InlineData("fn add3(a, b, c){ a + b + c }", "add3", "(float, float, float) -> float")]
    [InlineData("fn counter(){ self + 1.0 }", "counter", "() -> float")]
    [InlineData("fn id(x){ x }", "id", "('a) -> 'a")]
    [InlineData("fn pair(x, y){ (x, y) }", "pair", "('a, 'b) -> ('a, 'b)")]
    [InlineData("fn swap(p: (a, b)){ (p.1, p.0) }", "swap", "(('a, 'b)) -> ('b, 'a)")]
    [InlineData("fn apply(f, x){ f(x) }", "apply", "(('a) -> 'b, 'a) -> 'b")]
    [InlineData("fn compose(f, g){ |x| f(g(x)) }", "compose", "(('a) -> 'b, ('c) -> 'a) -> ('c) -> 'b")]
    [InlineData("fn konst(x){ | | x }", "konst", "('a) -> () -> 'a")]
    [InlineData("fn half(x){ x / 2.0 }", "half", "(float) -> float")]
    [InlineData("fn pick(c, a, b){ if (c) a else b }", "pick", "(float, 'a, 'a) -> 'a")]
    [InlineData("fn dly(x){ delay(10, x, 2.0) + mem(x) }", "dly", "(float) -> float")]
    [InlineData("let t = (1.0, \"s\", (2.0,))", "t", "(float, string, (float))")]
    [InlineData("let s = \"text\"", "s", "string")]
    [InlineData("let f = |x| x * 2.0", "f", "(float) -> float")]
    [InlineData("let unit_fn = | | { let a = 1.0 }", "unit_fn", "() -> ()")]
    [InlineData("fn tup() -> (float, float) { let (a, b) = self\n (a + 1.0, b) }", "tup", "() -> (float, float)")]
    [InlineData("letrec fact = |n| if (n > 0.0) n * fact(n - 1.0) else 1.0", "fact", "(float) -> float")]
    public void TopLevelDefinitionHasTheInferredType(string source, string name, string expected)
    {
        Assert.Equal(expected, Check.TypeOf(Check.Ok(source), name));
    }

    [Fact]
    public void PipeIsApplication()
    {
        var r = Check.Ok("fn inc(x){ x + 1.0 }\nlet v = 2.0 |> inc");
        Assert.Equal("float", Check.TypeOf(r, "v"));
    }

    [Fact]
    public void PipeSpreadsATupleOverTheParameters()
    {
        var r = Check.Ok("fn f(a, b: string){ a }\nlet v = (2.0, \"x\") |> f");
        Assert.Equal("float", Check.TypeOf(r, "v"));
    }

    [Fact]
    public void LetPolymorphismAllowsDifferentInstantiations()
    {
        var r = Check.Ok("""
            fn id(x){ x }
            let a = id(1.0)
            let b = id("s")
            let c = id((1.0, 2.0))
            let d = id(id)(3.0)
            """);
        Assert.Equal("float", Check.TypeOf(r, "a"));
        Assert.Equal("string", Check.TypeOf(r, "b"));
        Assert.Equal("(float, float)", Check.TypeOf(r, "c"));
        Assert.Equal("float", Check.TypeOf(r, "d"));
        Assert.Equal("('a) -> 'a", Check.TypeOf(r, "id"));
    }

    [Fact]
    public void ALambdaBoundParameterIsMonomorphic()
    {
        var errors = Check.Errors("fn both(g){ (g(1.0), g(\"s\")) }");
        Assert.Contains(errors, e => e.Code == "MM2002" && e.Message.Contains("float") && e.Message.Contains("string"));
    }

    [Fact]
    public void RecursiveFunctionIsGeneralisedAfterItsDefinition()
    {
        var r = Check.Ok("""
            fn keep(n, x){ if (n > 0.0) keep(n - 1.0, x) else x }
            let a = keep(1.0, "s")
            let b = keep(1.0, (1.0, 2.0))
            """);
        Assert.Equal("(float, 'a) -> 'a", Check.TypeOf(r, "keep"));
        Assert.Equal("string", Check.TypeOf(r, "a"));
        Assert.Equal("(float, float)", Check.TypeOf(r, "b"));
    }

    [Fact]
    public void ExpressionTypesAreRecorded()
    {
        var r = Check.Ok("let t = (1.0, \"s\")");
        Assert.Contains(r.ExprTypes, kv => kv.Key is Mimium.Syntax.Ast.StringLit && kv.Value.ToString() == "string");
        Assert.Contains(r.ExprTypes, kv => kv.Key is Mimium.Syntax.Ast.TupleExpr && kv.Value.ToString() == "(float, string)");
    }

    [Fact]
    public void ReferencesResolveToTheirDeclarations()
    {
        var r = Check.Ok("let x = 1.0\nfn f(y){ let x = y; x }\nlet z = x");
        var refs = r.References.Where(kv => kv.Key.Name == "x").Select(kv => kv.Value).ToList();
        Assert.Equal(2, refs.Count);
        Assert.Contains(refs, s => s.Kind == SymbolKind.Global);
        Assert.Contains(refs, s => s.Kind == SymbolKind.Local);
    }

    [Fact]
    public void CapturedLocalsAreMarked()
    {
        var r = Check.Ok("fn mk(){ let a = 1.0\n let b = 2.0\n | | a }");
        var locals = r.Declarations.Values.Where(s => s.Kind == SymbolKind.Local).ToDictionary(s => s.Name);
        Assert.True(locals["a"].IsCaptured);
        Assert.False(locals["b"].IsCaptured);
    }

    [Fact]
    public void DspParametersAndResultDefaultToFloat()
    {
        var r = Check.Ok("fn dsp(x, y){ (y, x) }", requireDsp: true);
        Assert.Equal("(float, float) -> (float, float)", Check.TypeOf(r, "dsp"));
    }
}
