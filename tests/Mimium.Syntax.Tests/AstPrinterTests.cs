using System.Collections.Immutable;
using Mimium.Syntax.Ast;
using Mimium.Syntax.Printing;
using Mimium.Syntax.Text;
using static Mimium.Syntax.Tests.TestSupport;

namespace Mimium.Syntax.Tests;

public class AstPrinterTests
{
    [Fact]
    public void Function_prints_as_one_s_expression()
    {
        Assert.Equal("(fn dsp () (block (let x (call add (var a) 1)) (var x)))", PrintProgram("fn dsp(){ let x = a + 1; x }"));
    }

    [Theory]
    [InlineData(1.0, "1")]
    [InlineData(0.1, "0.1")]
    [InlineData(440.0, "440")]
    [InlineData(0.30000000000000004, "0.30000000000000004")]
    [InlineData(1e21, "1E+21")]
    public void Numbers_print_shortest_round_trip_in_invariant_culture(double value, string expected)
    {
        Assert.Equal(expected, AstPrinter.Print(new NumberLit(value, Span.None)));
    }

    [Fact]
    public void Strings_are_escaped_to_stay_on_one_line()
    {
        Assert.Equal("\"a\\\"b\\\\c\\nd\"", AstPrinter.Print(new StringLit("a\"b\\c\nd", Span.None)));
    }

    [Fact]
    public void Types_print_structurally()
    {
        TypeExpr t = new FunctionType(
            [new NamedType("float", Span.None), new TupleType([], Span.None)],
            new CodeType(new TupleType([new NamedType("a", Span.None), new NamedType("int", Span.None)], Span.None), Span.None),
            Span.None);
        Assert.Equal("(-> (float unit) (code (tuple a int)))", AstPrinter.Print(t));
    }

    [Fact]
    public void Program_prints_one_statement_per_line()
    {
        var program = new Program(
            [new StageStmt(0, Span.None), new IncludeStmt("x.mmm", Span.None), new ExprStmt(new SelfExpr(Span.None), Span.None)],
            ImmutableArray<SourceFile>.Empty);
        Assert.Equal("(stage macro)\n(include \"x.mmm\")\nself\n", AstPrinter.Print(program));
    }

    [Fact]
    public void Printing_is_independent_of_spans_and_layout()
    {
        Assert.Equal(
            PrintProgram("fn f(x){x*2}"),
            PrintProgram("fn f( x )\n{\n  // doubled\n  x * 2\n}"));
    }
}
