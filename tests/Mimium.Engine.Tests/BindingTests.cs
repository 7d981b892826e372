namespace Mimium.Engine.Tests;

/// <summary>let, letrec, patterns, shadowing, assignment and blocks.</summary>
public class BindingTests
{
    [Fact]
    public void LetBindsNestedTuplePatterns()
    {
        Assert.Equal(123.0, Mm.Eval("{ let (a, (b, c)) = (1.0, (2.0, 3.0)); a * 100.0 + b * 10.0 + c }"));
    }

    [Fact]
    public void WildcardPatternDiscardsAnElement()
    {
        Assert.Equal(4.0, Mm.Eval("{ let (x, _) = (4.0, 5.0); x }"));
    }

    [Fact]
    public void GlobalTuplePatternsBindGlobals()
    {
        const string src = """
            let (ga, (gb, gc)) = (4.0, (5.0, 6.0))
            fn dsp(){ ga * gb + gc }
            """;
        Assert.Equal(26.0, Mm.First(src));
    }

    [Fact]
    public void LocalLetRecAllowsARecursiveClosure()
    {
        const string src = """
            fn dsp(){
              letrec sum = |n| if (n > 0.0) n + sum(n - 1.0) else 0.0
              sum(4.0)
            }
            """;
        Assert.Equal(10.0, Mm.First(src));
    }

    [Fact]
    public void GlobalLetRecAllowsARecursiveClosure()
    {
        const string src = """
            letrec fact = |n| if (n > 0.0) n * fact(n - 1.0) else 1.0
            fn dsp(){ fact(5.0) }
            """;
        Assert.Equal(120.0, Mm.First(src));
    }

    [Fact]
    public void ShadowingRebindsANameUsingTheOldValue()
    {
        Assert.Equal(11.0, Mm.Eval("{ let x = 1.0; let x = x + 10.0; x }"));
    }

    [Fact]
    public void ShadowingInsideABlockDoesNotLeakOut()
    {
        Assert.Equal(1.0 + 10.0, Mm.Eval("{ let x = 1.0; let y = { let x = 5.0; x * 2.0 }; x + y }"));
    }

    [Fact]
    public void ShadowingAGlobalWithALocal()
    {
        Assert.Equal(new[] { 9.0, 1.0 }, Assert.Single(Mm.Rows("let x = 1.0\nfn dsp(){\n  let y = x\n  let x = 9.0\n  (x, y)\n}", 1)));
    }

    [Fact]
    public void AssignmentToALocal()
    {
        const string src = """
            fn dsp(){
              let x = 1.0
              x = x + 2.0
              x = x * 10.0
              x
            }
            """;
        Assert.Equal(30.0, Mm.First(src));
    }

    [Fact]
    public void AssignmentToAGlobalPersistsAcrossSamples()
    {
        const string src = """
            let g = 0.0
            fn dsp(){
              g = g + 2.0
              g
            }
            """;
        Assert.Equal(new[] { 2.0, 4.0, 6.0 }, Mm.Mono(src, 3));
    }

    [Fact]
    public void AssignmentToACapturedVariableIsSeenByTheOwner()
    {
        const string src = """
            fn dsp(){
              let x = 1.0
              let setx = |v| {
                let old = x
                x = v
                old
              }
              let before = setx(5.0)
              x * 10.0 + before
            }
            """;
        Assert.Equal(51.0, Mm.First(src));
    }

    [Fact]
    public void BlockValueIsItsLastExpression()
    {
        const string src = """
            fn dsp(){
              let a = {
                let t = 3.0
                t * t
              }
              let b = { 1.0; 2.0 }
              a + b
            }
            """;
        Assert.Equal(11.0, Mm.First(src));
    }

    [Fact]
    public void BlockLocalsAreNotVisibleAfterTheBlock()
    {
        var errors = Mm.Errors("fn dsp(){\n  let a = { let hidden = 1.0; hidden }\n  hidden\n}", "MM2001");
        Assert.Contains("hidden", errors[0].Message);
        Assert.Equal(3, errors[0].Line);
    }
}
