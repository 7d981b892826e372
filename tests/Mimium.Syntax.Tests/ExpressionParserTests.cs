using Mimium.Syntax.Ast;
using Mimium.Syntax.Diagnostics;
using Mimium.Syntax.Parsing;
using static Mimium.Syntax.Tests.TestSupport;

namespace Mimium.Syntax.Tests;

public class ExpressionParserTests
{
    [Theory]
    [InlineData("1 + 2 * 3", "(call add 1 (call mult 2 3))")]
    [InlineData("1 * 2 + 3", "(call add (call mult 1 2) 3)")]
    [InlineData("a - b - c", "(call sub (call sub (var a) (var b)) (var c))")]
    [InlineData("a / b / c", "(call div (call div (var a) (var b)) (var c))")]
    [InlineData("2^3^2", "(call pow (call pow 2 3) 2)")]
    [InlineData("a % b * c", "(call mult (call modulo (var a) (var b)) (var c))")]
    [InlineData("a ^ b @ c", "(call pow (var a) (call _mimium_schedule_at (var c) (var b)))")]
    [InlineData("a || b && c == d < e + f", "(call or (var a) (call and (var b) (call eq (var c) (call lt (var d) (call add (var e) (var f))))))")]
    [InlineData("a != b >= c <= d > e", "(call ne (var a) (call gt (call le (call ge (var b) (var c)) (var d)) (var e)))")]
    [InlineData("hoge*10.0+hoge/10.0+1.0", "(call add (call add (call mult (var hoge) 10) (call div (var hoge) 10)) 1)")]
    [InlineData("1.0+hoge^2.0*1.5", "(call add 1 (call mult (call pow (var hoge) 2) 1.5))")]
    public void Binary_operators_follow_mimium_precedence_and_are_left_associative(string source, string expected)
    {
        Assert.Equal(expected, PrintExpr(source));
    }

    [Theory]
    [InlineData("-2^2", "(call pow (call sub 0 2) 2)")]
    [InlineData("- -1.0", "(call sub 0 (call sub 0 1))")]
    [InlineData("-(-hoge)", "(call sub 0 (call sub 0 (var hoge)))")]
    [InlineData("-cos(0.0)", "(call sub 0 (call cos 0))")]
    [InlineData("-t.0 * 2", "(call mult (call sub 0 (proj (var t) 0)) 2)")]
    [InlineData("1 + -2", "(call add 1 (call sub 0 2))")]
    [InlineData("+x", "(call add (var x))")]
    public void Unary_minus_binds_tighter_than_any_binary_operator_and_applies_to_a_postfix_expression(string source, string expected)
    {
        Assert.Equal(expected, PrintExpr(source));
    }

    [Theory]
    [InlineData("1+-2")]
    [InlineData("1*-2")]
    [InlineData("a --b")]
    public void Consecutive_operators_without_whitespace_are_MM1013(string source)
    {
        var diags = new DiagnosticBag();
        Parser.ParseExpression(Source(source), diags);
        Assert.Equal(ErrorCodes.AdjacentOperators, Assert.Single(diags.Items).Code);
    }

    [Fact]
    public void Operator_callee_spans_the_operator_and_the_call_spans_both_operands()
    {
        var diags = new DiagnosticBag();
        var call = Assert.IsType<CallExpr>(Parser.ParseExpression(Source("ab + cd"), diags));
        var callee = Assert.IsType<VarRef>(call.Callee);
        Assert.Equal("add", callee.Name);
        Assert.Equal((3, 4), (callee.Span.Start, callee.Span.End));
        Assert.Equal((0, 7), (call.Span.Start, call.Span.End));
        Assert.False(call.IsPipe);
    }

    [Theory]
    [InlineData("a |> f", "(pipe f (var a))")]
    [InlineData("a |> f |> g", "(pipe g (pipe f (var a)))")]
    [InlineData("a + 1 |> f", "(pipe f (call add (var a) 1))")]
    [InlineData("3 ||> _ + 1 |> |v| v*2", "(pipe (lambda (v) (call mult (var v) 2)) (call add 3 1))")]
    [InlineData("3.0 ||> 1.0 + _ ||> _ / 2.0 ||> _ + 100.0", "(call add (call div (call add 1 3) 2) 100)")]
    [InlineData("x ||> g(y, _)", "(call g (var y) (var x))")]
    [InlineData("x ||> h", "(pipe h (var x))")]
    [InlineData("x ||> (_ |> f)", "(pipe f (var x))")]
    [InlineData("3 |> |a| a + 1 ||> _ * 2", "(pipe (lambda (a) (call mult (call add (var a) 1) 2)) 3)")]
    public void Pipes_apply_and_macro_pipes_substitute_the_placeholder(string source, string expected)
    {
        Assert.Equal(expected, PrintExpr(source));
    }

    [Fact]
    public void Pipe_calls_are_marked_and_substituted_calls_keep_the_plain_shape()
    {
        var diags = new DiagnosticBag();
        var pipe = Assert.IsType<CallExpr>(Parser.ParseExpression(Source("a |> f"), diags));
        Assert.True(pipe.IsPipe);
        var substituted = Assert.IsType<CallExpr>(Parser.ParseExpression(Source("a ||> g(1, _)"), diags));
        Assert.False(substituted.IsPipe);
        Assert.Equal((0, 13), (substituted.Span.Start, substituted.Span.End));
    }

    [Theory]
    [InlineData("_", "(var _)")]
    [InlineData("f(_, 1)", "(call f (var _) 1)")]
    [InlineData("x ||> f(g(_))", "(pipe (call f (call g (var _))) (var x))")]
    public void Placeholder_outside_a_macro_pipe_is_an_ordinary_name(string source, string expected)
    {
        Assert.Equal(expected, PrintExpr(source));
    }

    [Theory]
    [InlineData("| | 1", "(lambda () 1)")]
    [InlineData("|x| x + 1", "(lambda (x) (call add (var x) 1))")]
    [InlineData("|a, b: float| -> float { a * b }", "(lambda (a (b float)) (: float) (block (call mult (var a) (var b))))")]
    [InlineData("|f: (float) -> float, x| f(x)", "(lambda ((f (-> (float) float)) x) (call f (var x)))")]
    [InlineData("|x| |y| x + y", "(lambda (x) (lambda (y) (call add (var x) (var y))))")]
    [InlineData("(|x| x)(1)", "(call (lambda (x) (var x)) 1)")]
    [InlineData("| | {1}(2)", "(call (lambda () (block 1)) 2)")]
    public void Lambdas_take_optional_annotations_and_a_body_extending_right(string source, string expected)
    {
        Assert.Equal(expected, PrintExpr(source));
    }

    [Fact]
    public void Double_bar_as_empty_lambda_is_reported_with_a_hint()
    {
        var diags = new DiagnosticBag();
        Parser.ParseExpression(Source("|| 1"), diags);
        var d = Assert.Single(diags.Items);
        Assert.Contains("'| |'", d.Message);
    }

    [Theory]
    [InlineData("if (x == 0.0) 0.0 else if (x > 0.0) 1.0 else -1.0", "(if (call eq (var x) 0) 0 (if (call gt (var x) 0) 1 (call sub 0 1)))")]
    [InlineData("if c { a } else { b }", "(if (var c) (block (var a)) (block (var b)))")]
    [InlineData("if c > 0 { a }", "(if (call gt (var c) 0) (block (var a)))")]
    [InlineData("if (c) {\n a\n}\nelse {\n b\n}", "(if (var c) (block (var a)) (block (var b)))")]
    [InlineData("if a b else if c d else if e f", "(if (var a) (var b) (if (var c) (var d) (if (var e) (var f))))")]
    public void If_takes_optional_parentheses_and_chains_else_if(string source, string expected)
    {
        Assert.Equal(expected, PrintExpr(source));
    }

    [Theory]
    [InlineData("(a, b)", "(tuple (var a) (var b))")]
    [InlineData("(a,)", "(tuple (var a))")]
    [InlineData("(a, b,)", "(tuple (var a) (var b))")]
    [InlineData("(a)", "(var a)")]
    [InlineData("((1, 2), 3)", "(tuple (tuple 1 2) 3)")]
    [InlineData("(\n a,\n b\n)", "(tuple (var a) (var b))")]
    [InlineData("t.0.1", "(proj (proj (var t) 0) 1)")]
    [InlineData("t.1.0.2", "(proj (proj (proj (var t) 1) 0) 2)")]
    [InlineData("r.freq", "(field (var r) freq)")]
    [InlineData("f(1)(2)", "(call (call f 1) 2)")]
    [InlineData("f()", "(call f)")]
    [InlineData("f(a, b,)", "(call f (var a) (var b))")]
    [InlineData("f(\n a,\n b)", "(call f (var a) (var b))")]
    public void Tuples_projections_and_calls(string source, string expected)
    {
        Assert.Equal(expected, PrintExpr(source));
    }

    [Theory]
    [InlineData("self + now + samplerate", "(call add (call add self now) samplerate)")]
    [InlineData("\"a\\nb\"", "\"a\\\\nb\"")]
    [InlineData("0.1", "0.1")]
    [InlineData("440.0", "440")]
    [InlineData("m::f(1)", "(call m::f 1)")]
    public void Literals_and_names(string source, string expected)
    {
        Assert.Equal(expected, PrintExpr(source));
    }

    [Fact]
    public void String_literal_value_has_no_escape_processing()
    {
        var diags = new DiagnosticBag();
        var s = Assert.IsType<StringLit>(Parser.ParseExpression(Source("\"C:\\dir\\n\""), diags));
        Assert.Equal("C:\\dir\\n", s.Value);
    }

    [Theory]
    [InlineData("name!(1, 2)", "(macro name 1 2)")]
    [InlineData("probe!()", "(macro probe)")]
    [InlineData("m::gen!(3)", "(macro m::gen 3)")]
    [InlineData("genpower!(x)(y)", "(call (macro genpower (var x)) (var y))")]
    [InlineData("a != b", "(call ne (var a) (var b))")]
    public void Macro_calls_use_name_bang(string source, string expected)
    {
        Assert.Equal(expected, PrintExpr(source));
    }

    [Theory]
    [InlineData("`x + 1", "(quote (call add (var x) 1))")]
    [InlineData("`{ x }", "(quote (block (var x)))")]
    [InlineData("$x * 2", "(call mult (splice (var x)) 2)")]
    [InlineData("$(n |> lift_f)", "(splice (pipe lift_f (var n)))")]
    [InlineData("$lift_f(2)", "(splice (call lift_f 2))")]
    [InlineData("${ 1 }", "(splice (block 1))")]
    [InlineData("$$x", "(splice (splice (var x)))")]
    [InlineData("``x", "(quote (quote (var x)))")]
    public void Quotes_and_splices(string source, string expected)
    {
        Assert.Equal(expected, PrintExpr(source));
    }

    [Fact]
    public void ParseExpression_returns_null_on_errors_and_on_empty_input()
    {
        var diags = new DiagnosticBag();
        Assert.Null(Parser.ParseExpression(Source(""), diags));
        Assert.Empty(diags.Items);
        Assert.Null(Parser.ParseExpression(Source("1 +"), diags));
        Assert.Single(diags.Items);
        Assert.Null(Parser.ParseExpression(Source("1 2"), new DiagnosticBag()));
    }
}
