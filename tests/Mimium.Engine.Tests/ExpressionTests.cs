namespace Mimium.Engine.Tests;

/// <summary>Operators, precedence, conditionals, tuples and pipes.</summary>
public class ExpressionTests
{
    public static TheoryData<string, double> Operators => new()
    {
        // `^` is left-associative and binds tighter than `*`; prefix minus binds tighter than `^`.
        { "2.0 ^ 3.0 ^ 2.0", Math.Pow(Math.Pow(2, 3), 2) },
        { "-2.0 ^ 2.0", 4.0 },
        { "2.0 * 3.0 ^ 2.0", 18.0 },
        // left associativity of - / %
        { "10.0 - 4.0 - 3.0", 3.0 },
        { "100.0 / 10.0 / 5.0", 2.0 },
        { "7.0 % 4.0 * 2.0", 6.0 },
        { "2.0 * 7.0 % 4.0", 2.0 },
        // * / % above + -
        { "2.0 + 3.0 * 4.0", 14.0 },
        { "(2.0 + 3.0) * 4.0", 20.0 },
        { "1.0 - 6.0 / 2.0", -2.0 },
        // + - above comparisons above equality above && above ||
        { "1.0 + 2.0 > 2.0", 1.0 },
        { "1.0 < 2.0 == 1.0", 1.0 },
        { "1.0 > 2.0 > -0.5", 1.0 },
        { "2.0 == 2.0 && 1.0 == 0.0", 0.0 },
        { "1.0 || 0.0 && 0.0", 1.0 },
        { "0.0 && 1.0 || 1.0", 1.0 },
        { "0.0 || 0.0", 0.0 },
        // every comparison operator
        { "2.0 <= 2.0", 1.0 },
        { "2.0 >= 3.0", 0.0 },
        { "2.0 != 3.0", 1.0 },
        { "2.0 == 3.0", 0.0 },
        { "3.0 < 2.0", 0.0 },
        { "2.0 > 3.0", 0.0 },
        { "2.0 < 3.0", 1.0 },
        { "3.0 >= 3.0", 1.0 },
        { "3.0 <= 2.0", 0.0 },
        // unary minus
        { "- -1.0", 1.0 },
        { "-(-2.0)", 2.0 },
        { "-cos(0.0)", -1.0 },
        { "1.0 - -2.0", 3.0 },
        // -0.0 is lowered to 0.0 - 0.0, which is +0: dividing by it gives +infinity
        { "1.0 / -0.0", double.PositiveInfinity },
        // the pipe is loosest of all
        { "1.0 + 2.0 |> |v| v * 10.0", 30.0 },
        // the reference's arithmetic conformance cases with hoge = 2.0
        { "2.0 ^ 3.0", 8.0 },
        { "2.0 * 10.0 + 2.0 / 10.0 + 1.0", 2.0 * 10.0 + 2.0 / 10.0 + 1.0 },
        { "1.0 + 2.0 ^ 2.0 * 1.5", 7.0 },
        // division by zero follows IEEE
        { "1.0 / 0.0", double.PositiveInfinity },
        { "-1.0 / 0.0", double.NegativeInfinity },
    };

    [Theory]
    [MemberData(nameof(Operators))]
    public void OperatorPrecedenceAndLeftAssociativity(string expression, double expected)
    {
        Assert.Equal(expected, Mm.Eval(expression));
    }

    [Fact]
    public void OperatorsWorkOnVariablesAsWell()
    {
        Assert.Equal(8.0 + 21.2 + 7.0, Mm.Eval("{ let hoge = 2.0; hoge ^ 3.0 + (hoge * 10.0 + hoge / 10.0 + 1.0) + (1.0 + hoge ^ 2.0 * 1.5) }"), 12);
    }

    [Fact]
    public void IfConditionIsTrueIffGreaterThanZero()
    {
        const string src = """
            fn pick(c){ if (c) 10.0 else 20.0 }
            fn dsp(){
              (pick(1.0), pick(0.0), pick(-1.0), pick(0.5), pick(-0.0), pick(1.0 / 0.0), pick(-1.0 / 0.0))
            }
            """;
        var row = Assert.Single(Mm.Rows(src, 1));
        Assert.Equal(new[] { 10.0, 20.0, 20.0, 10.0, 20.0, 10.0, 20.0 }, row);
    }

    [Fact]
    public void NaNConditionTakesTheThenBranch()
    {
        const string src = """
            fn pick(c){ if (c) 10.0 else 20.0 }
            fn dsp(){ pick(0.0 / 0.0) }
            """;
        Assert.Equal(10.0, Mm.First(src));
    }

    [Fact]
    public void IfWithoutParenthesesAndElseIfChains()
    {
        const string src = """
            fn grade(x){
              if x > 2.0 { 3.0 } else if (x > 1.0) { 2.0 } else { 1.0 }
            }
            fn dsp(){ (grade(5.0), grade(1.5), grade(0.0)) }
            """;
        Assert.Equal(new[] { 3.0, 2.0, 1.0 }, Assert.Single(Mm.Rows(src, 1)));
    }

    [Fact]
    public void IfBranchesMayYieldTuples()
    {
        const string src = """
            fn sel(c){ if (c) { (1.0, 2.0) } else { (3.0, 4.0) } }
            fn dsp(){
              let (a, b) = sel(1.0)
              let (c, d) = sel(0.0)
              (a, b, c, d)
            }
            """;
        Assert.Equal(new[] { 1.0, 2.0, 3.0, 4.0 }, Assert.Single(Mm.Rows(src, 1)));
    }

    [Fact]
    public void OnlyTheTakenBranchRunsSoUntakenStatefulCallsKeepTheirState()
    {
        // Branch A runs on odd ticks, branch B on even ticks; each has its own counter.
        const string src = """
            fn counter(){ self + 1.0 }
            fn tick(){ self + 1.0 }
            fn dsp(){
              let n = tick()
              if (n % 2.0 > 0.5) { counter() } else { 0.0 - counter() }
            }
            """;
        Assert.Equal(new[] { 1.0, -1.0, 2.0, -2.0, 3.0, -3.0 }, Mm.Mono(src, 6));
    }

    [Fact]
    public void UntakenBranchHasNoSideEffects()
    {
        const string src = """
            fn dsp(){
              if (0.0) { probe(1.0) } else { probe(2.0) }
            }
            """;
        var instance = Mm.Start(src);
        var output = new StringWriter();
        instance.Vm.Output = output;
        var (rows, fault) = OfflineRenderer.RenderRows(instance, 2);
        Assert.Null(fault);
        Assert.Equal("22", output.ToString());
        Assert.Equal(2.0, rows[0][0]);
    }

    [Fact]
    public void IfWithoutElseIsAStatement()
    {
        const string src = """
            fn dsp(){
              if (1.0) { probe(3.0) }
              if (0.0) { probe(4.0) }
              5.0
            }
            """;
        var instance = Mm.Start(src);
        var output = new StringWriter();
        instance.Vm.Output = output;
        var (rows, fault) = OfflineRenderer.RenderRows(instance, 1);
        Assert.Null(fault);
        Assert.Equal("3", output.ToString());
        Assert.Equal(5.0, rows[0][0]);
    }

    [Fact]
    public void TuplesAndNestedProjection()
    {
        Assert.Equal(123.0, Mm.Eval("{ let t = (1.0, (2.0, 3.0)); t.0 * 100.0 + t.1.0 * 10.0 + t.1.1 }"));
    }

    [Fact]
    public void TuplesArePassedToAndReturnedFromFunctions()
    {
        const string src = """
            fn swap(p: (float, float)){ (p.1, p.0) }
            fn split(t){
              let (a, b, c) = t
              (a + b, c)
            }
            fn dsp(){
              let s = swap((1.0, 2.0))
              let r = split((10.0, 20.0, 50.0))
              (s.0, s.1, r.0, r.1)
            }
            """;
        Assert.Equal(new[] { 2.0, 1.0, 30.0, 50.0 }, Assert.Single(Mm.Rows(src, 1)));
    }

    [Fact]
    public void PipeAppliesTheRightHandSide()
    {
        const string src = """
            fn double(x){ x * 2.0 }
            fn inc(x){ x + 1.0 }
            fn dsp(){ 3.0 |> double |> inc }
            """;
        Assert.Equal(7.0, Mm.First(src));
    }

    [Fact]
    public void PipeSpreadsATupleOverAnNAryFunction()
    {
        const string src = """
            fn sub3(a, b, c){ a - b - c }
            fn dsp(){ (10.0, 3.0, 2.0) |> sub3 }
            """;
        Assert.Equal(5.0, Mm.First(src));
    }

    [Fact]
    public void MacroPipeSubstitutesThePlaceholder()
    {
        const string src = """
            fn sub2(a, b){ a - b }
            fn dsp(){
              (5.0 ||> sub2(_, 1.0), 2.0 ||> sub2(10.0, _), 3.0 ||> 1.0 + _ ||> _ / 2.0 ||> _ + 100.0)
            }
            """;
        Assert.Equal(new[] { 4.0, 8.0, 102.0 }, Assert.Single(Mm.Rows(src, 1)));
    }

    [Fact]
    public void MacroPipeWithoutPlaceholderIsPlainApplication()
    {
        Assert.Equal(12.0, Mm.First("fn triple(x){ x * 3.0 }\nfn dsp(){ 4.0 ||> triple }"));
    }

    [Fact]
    public void PipeAndMacroPipeShareLeftAssociativePrecedence()
    {
        // (3 ||> _ + 1) |> |v| v * 2  = 8
        Assert.Equal(8.0, Mm.Eval("3.0 ||> _ + 1.0 |> |v| v * 2.0"));
    }
}
