using Mimium.Syntax.Ast;
using Mimium.Syntax.Diagnostics;
using static Mimium.Syntax.Tests.TestSupport;

namespace Mimium.Syntax.Tests;

public class StatementParserTests
{
    [Fact]
    public void Function_declaration_with_annotations()
    {
        Assert.Equal(
            "(fn mix (a (b float)) (: float) (block (call add (var a) (var b))))",
            PrintProgram("fn mix(a, b: float) -> float { a + b }"));
    }

    [Fact]
    public void Function_declaration_records_name_span()
    {
        var fn = Assert.IsType<FnDecl>(Assert.Single(ParseClean("fn dsp() {\n  0.0\n}")));
        Assert.Equal("dsp", fn.Name);
        Assert.Equal((3, 6), (fn.NameSpan.Start, fn.NameSpan.End));
        Assert.Equal((0, 18), (fn.Span.Start, fn.Span.End));
    }

    [Fact]
    public void Macro_declaration_parses_like_fn()
    {
        Assert.Equal("(fn gen (n) (block (quote (var n))))", PrintProgram("macro gen(n) { `n }"));
    }

    [Theory]
    [InlineData("let x = 1", "(let x 1)")]
    [InlineData("let x: float = 1", "(let x (: float) 1)")]
    [InlineData("let _ = f()", "(let _ (call f))")]
    [InlineData("let (a, (b, c), _) = t", "(let (tuple a (tuple b c) _) (var t))")]
    [InlineData("let (a,) = t", "(let (tuple a) (var t))")]
    [InlineData("let (a) = t", "(let a (var t))")]
    [InlineData("letrec f = |n| f(n - 1)", "(letrec f (lambda (n) (call f (call sub (var n) 1))))")]
    [InlineData("letrec f: (float) -> float = g", "(letrec f (: (-> (float) float)) (var g))")]
    public void Let_bindings_and_patterns(string source, string expected)
    {
        Assert.Equal(expected, PrintProgram(source));
    }

    [Theory]
    [InlineData("let x: (float, float) = t", "(let x (: (tuple float float)) (var t))")]
    [InlineData("let x: () = t", "(let x (: unit) (var t))")]
    [InlineData("let x: (float) = t", "(let x (: float) (var t))")]
    [InlineData("let x: (float,) = t", "(let x (: (tuple float)) (var t))")]
    [InlineData("let x: () -> float = t", "(let x (: (-> () float)) (var t))")]
    [InlineData("let x: (float, a) -> (a, string) = t", "(let x (: (-> (float a) (tuple a string))) (var t))")]
    [InlineData("let x: `float = t", "(let x (: (code float)) (var t))")]
    [InlineData("let x: `(float) -> float = t", "(let x (: (code (-> (float) float))) (var t))")]
    [InlineData("let x: int = t", "(let x (: int) (var t))")]
    public void Type_annotations(string source, string expected)
    {
        Assert.Equal(expected, PrintProgram(source));
    }

    [Fact]
    public void Assignment_to_a_variable()
    {
        Assert.Equal("(fn f () (block (assign x (call add (var x) 1)) (var x)))", PrintProgram("fn f(){\n x = x + 1\n x\n}"));
    }

    [Theory]
    [InlineData("fn f(){ f() = 1 }")]
    [InlineData("fn f(){ 1 = 2 }")]
    [InlineData("fn f(){ _ = 2 }")]
    public void Assignment_to_anything_but_a_variable_is_MM1012(string source)
    {
        var (_, diags) = ParseWithErrors(source);
        Assert.Equal(ErrorCodes.InvalidAssignmentTarget, Assert.Single(diags).Code);
    }

    [Fact]
    public void Leading_newlines_and_semicolons_are_ignored()
    {
        Assert.Equal("(fn dsp () (block 0))", PrintProgram("\n\n;;;\n;\n// comment\nfn dsp(){\n    0.0\n}"));
    }

    [Fact]
    public void Semicolons_separate_statements()
    {
        Assert.Equal("(let a 1)\n(let b 2)\n(fn f () (block (let c 3) (var c)))", PrintProgram("let a = 1; let b = 2\nfn f(){ let c = 3; c }"));
    }

    [Fact]
    public void Statements_ending_in_a_brace_may_share_a_line()
    {
        Assert.Equal("(fn a () (block 1))\n(fn b () (block 2))", PrintProgram("fn a(){1} fn b(){2}"));
    }

    [Fact]
    public void Two_expressions_on_one_line_need_a_separator()
    {
        var (statements, diags) = ParseWithErrors("let x = 1 let y = 2\nlet z = 3");
        Assert.Equal(ErrorCodes.MissingSeparator, Assert.Single(diags).Code);
        Assert.Contains("expected newline or ';'", diags[0].Message);
        Assert.Equal(["x", "z"], statements.OfType<LetStmt>().Select(l => ((VarPattern)l.Pattern).Name));
    }

    [Fact]
    public void Line_starting_with_an_infix_operator_continues_the_statement()
    {
        Assert.Equal(
            "(let y (pipe (lambda (a) (pipe (lambda (b) (call div (var b) 2)) (call add 1 (var a)))) 3))",
            PrintProgram("let y = 3.0\n    |> |a| 1.0 + a\n    |> |b| b / 2.0"));
        Assert.Equal("(let x (call sub 1 2))", PrintProgram("let x = 1\n-2"));
        Assert.Equal("(let x (call mult (var a) (var b)))", PrintProgram("let x = a\n  // comment between\n  * b"));
    }

    [Fact]
    public void Line_ending_with_an_infix_operator_continues_the_statement()
    {
        Assert.Equal(
            "(let x (call div (call add 1 3) 2))",
            PrintProgram("let x = 3.0 ||>\n    1.0 + _ ||>\n    _ / 2.0"));
    }

    [Fact]
    public void Call_projection_and_field_access_do_not_cross_a_line_break()
    {
        Assert.Equal("(var f)\n(tuple 1 2)", PrintProgram("f\n(1, 2)"));
        Assert.Equal("(fn g () (block (let h (lambda (x) (var x))) (tuple (var h) (var h))))", PrintProgram("fn g(){\n let h = |x| x\n (h, h)\n}"));
    }

    [Fact]
    public void Block_value_is_the_last_statement()
    {
        Assert.Equal("(fn f () (block (let a 1) (block (let b 2) (var b)) (var a)))", PrintProgram("fn f(){\n let a = 1\n {\n  let b = 2\n  b\n }\n a\n}"));
    }

    [Fact]
    public void Include_statement_keeps_the_path()
    {
        var include = Assert.IsType<IncludeStmt>(Assert.Single(ParseClean("include(\"lib/osc.mmm\")")));
        Assert.Equal("lib/osc.mmm", include.Path);
        Assert.Equal("(include \"lib/osc.mmm\")", PrintProgram("include(\"lib/osc.mmm\")"));
    }

    [Theory]
    [InlineData("fn f(){ include(\"x.mmm\") }")]
    [InlineData("fn f(){ #stage(main) }")]
    [InlineData("fn f(){\n  fn g(){ 1 }\n}")]
    public void Top_level_only_statements_inside_a_block_are_MM1014(string source)
    {
        var (_, diags) = ParseWithErrors(source);
        Assert.Equal(ErrorCodes.MisplacedStatement, Assert.Single(diags).Code);
    }

    [Fact]
    public void Global_statements_mix_with_functions()
    {
        Assert.Equal(
            "(let g 0)\n(fn dsp () (block (assign g (call add (var g) 1)) (var g)))\n(call probe 1)",
            PrintProgram("let g = 0\nfn dsp(){\n  g = g + 1\n  g\n}\nprobe(1)"));
    }
}
