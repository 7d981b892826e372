using System.Text;
using Mimium.Syntax.Ast;
using Mimium.Syntax.Diagnostics;
using Mimium.Syntax.Parsing;
using static Mimium.Syntax.Tests.TestSupport;

namespace Mimium.Syntax.Tests;

public class RecoveryTests
{
    private static string[] FunctionNames(IEnumerable<Stmt> statements) => statements.OfType<FnDecl>().Select(f => f.Name).ToArray();

    [Fact]
    public void Broken_function_is_reported_and_later_functions_still_parse()
    {
        const string source = """
            fn parse_error_continue(){
                1+ +- ab |>
            }

            fn type_error_continue(){
                let a:string = 1.0
                0.0
            }

            fn dsp(){
                0.0
            }
            """;
        var (statements, diags) = ParseWithErrors(source);
        Assert.Equal(["parse_error_continue", "type_error_continue", "dsp"], FunctionNames(statements));
        Assert.Equal([ErrorCodes.AdjacentOperators, ErrorCodes.ExpectedToken], diags.Select(d => d.Code));
        Assert.Equal("expected an expression but found '}'", diags[1].Message);
        Assert.Equal((3, 1), (diags[1].Line, diags[1].Column));
    }

    [Fact]
    public void Errors_in_separate_statements_are_all_reported()
    {
        const string source = """
            fn f(x {
                x
            }
            fn g(){
                let = 3
                let y = (1, 2
                let z = )
                y
            }
            fn h(){ 1 }
            """;
        var (statements, diags) = ParseWithErrors(source);
        Assert.Equal(
            [
                "expected ')' to close the parameter list but found '{'",
                "expected a pattern (a name, '_' or a tuple pattern) but found '='",
                "expected ')' to close the tuple but found 'let'",
                "expected an expression but found ')'",
            ],
            diags.Select(d => d.Message));
        Assert.Equal([1, 5, 7, 7], diags.Select(d => d.Line));
        Assert.Equal(["f", "g", "h"], FunctionNames(statements));
        var g = statements.OfType<FnDecl>().Single(f => f.Name == "g");
        Assert.IsType<VarRef>(Assert.IsType<ExprStmt>(((BlockExpr)g.Body).Statements[^1]).Expr);
    }

    [Fact]
    public void Missing_closing_brace_is_reported_at_the_next_declaration_in_column_one()
    {
        var (statements, diags) = ParseWithErrors("fn f(){\n  let x = 1\n\nfn dsp(){\n  0.0\n}\n");
        var d = Assert.Single(diags);
        Assert.Equal(ErrorCodes.ExpectedToken, d.Code);
        Assert.StartsWith("expected '}' to close the block opened at test.mmm:1:7 but found 'fn'", d.Message);
        Assert.Equal(["f", "dsp"], FunctionNames(statements));
    }

    [Fact]
    public void Stray_closing_brace_at_top_level_is_skipped()
    {
        var (statements, diags) = ParseWithErrors("}\nfn dsp(){ 0 }");
        Assert.Equal(ErrorCodes.UnexpectedToken, Assert.Single(diags).Code);
        Assert.Equal(["dsp"], FunctionNames(statements));
    }

    [Theory]
    [InlineData("let r = {a = 1, b = 2}", "records are not supported yet")]
    [InlineData("let r = {base <- a = 1}", "records are not supported yet")]
    [InlineData("let r = {..}", "records are not supported yet")]
    [InlineData("let a = [1, 2, 3]", "arrays are not supported yet")]
    [InlineData("let a = b[0]", "arrays (indexing with '[...]') are not supported yet")]
    [InlineData("let m = match x { 0 => 1, _ => 2 }", "'match' expressions are not supported yet")]
    [InlineData("let {a = x} = r", "record patterns are not supported yet")]
    [InlineData("let x: [float] = a", "array types are not supported yet")]
    [InlineData("let x: {a: float} = a", "record types are not supported yet")]
    [InlineData("fn f(x: float | string){ x }", "union types are not supported yet")]
    [InlineData("fn f(x = 1.0){ x }", "default parameter values are not supported yet")]
    [InlineData("mod m {\n  fn g(){ 1 }\n}", "modules ('mod') are not supported yet")]
    [InlineData("use m::g", "'use' imports are not supported yet")]
    [InlineData("type T = A | B(float)\n  | C", "type declarations are not supported yet")]
    [InlineData("type alias T = float", "type declarations are not supported yet")]
    [InlineData("pub fn g(){ 1 }", "'pub' visibility is not supported yet")]
    public void Unsupported_v4_syntax_is_MM1040_and_parsing_continues(string source, string message)
    {
        var (statements, diags) = ParseWithErrors(source + "\nfn dsp(){ 0 }");
        var d = Assert.Single(diags);
        Assert.Equal(ErrorCodes.UnsupportedSyntax, d.Code);
        Assert.Equal(message, d.Message);
        Assert.Contains("dsp", FunctionNames(statements));
    }

    [Fact]
    public void Block_starting_with_an_assignment_is_read_as_a_record_like_mimium()
    {
        var (_, diags) = ParseWithErrors("let v = { x = 1 }");
        Assert.Equal("records are not supported yet", Assert.Single(diags).Message);
        Assert.Empty(ParseWithErrors("fn f(){ x = 1 }").Diagnostics);
    }

    [Fact]
    public void Unit_is_not_an_expression()
    {
        var (_, diags) = ParseWithErrors("let x = ()");
        Assert.Equal(ErrorCodes.ExpectedToken, Assert.Single(diags).Code);
    }

    [Fact]
    public void Deep_parenthesis_nesting_stops_with_MM1030_instead_of_overflowing()
    {
        const int n = 100_000;
        var source = "fn a(){ 1 }\nlet x = " + new string('(', n) + "1" + new string(')', n) + "\nfn b(){ 2 }";
        var (statements, diags) = ParseWithErrors(source);
        Assert.Equal(ErrorCodes.TooDeep, Assert.Single(diags).Code);
        Assert.Equal(["a", "b"], FunctionNames(statements));
    }

    [Theory]
    [InlineData("-")]
    [InlineData("$")]
    [InlineData("`")]
    [InlineData("{")]
    [InlineData("|x| ")]
    [InlineData("if c ")]
    public void Deep_prefix_or_block_nesting_stops_with_MM1030(string unit)
    {
        var sb = new StringBuilder("let x = ");
        for (var i = 0; i < 20_000; i++) sb.Append(unit).Append(' ');
        sb.Append('1');
        var (_, diags) = ParseWithErrors(sb.ToString());
        Assert.Contains(diags, d => d.Code == ErrorCodes.TooDeep);
    }

    [Fact]
    public void Long_operator_chains_are_capped_too()
    {
        var source = "let x = 1" + string.Concat(Enumerable.Repeat(" + 1", 100_000));
        var (_, diags) = ParseWithErrors(source);
        Assert.Equal(ErrorCodes.TooDeep, Assert.Single(diags).Code);
    }

    [Fact]
    public void Deep_type_nesting_stops_with_MM1030()
    {
        var source = "let x: " + new string('(', 50_000) + "float" + new string(')', 50_000) + " = 1";
        var (_, diags) = ParseWithErrors(source);
        Assert.Equal(ErrorCodes.TooDeep, Assert.Single(diags).Code);
    }

    [Fact]
    public void Reasonable_nesting_is_accepted()
    {
        var source = "let x = " + new string('(', 200) + "1" + new string(')', 200);
        Assert.Single(ParseClean(source));
    }

    [Fact]
    public void Lexer_errors_and_parser_errors_are_collected_together()
    {
        var diags = new DiagnosticBag();
        var statements = Parser.ParseProgram(Source("let a = 1 § 2\nlet b = \"open"), diags);
        Assert.Equal([ErrorCodes.UnexpectedCharacter, ErrorCodes.UnterminatedString, ErrorCodes.MissingSeparator], diags.Items.Select(d => d.Code));
        Assert.Equal(2, statements.Length);
    }
}
