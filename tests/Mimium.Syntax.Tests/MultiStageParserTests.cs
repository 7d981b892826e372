using Mimium.Syntax.Ast;
using static Mimium.Syntax.Tests.TestSupport;

namespace Mimium.Syntax.Tests;

public class MultiStageParserTests
{
    [Fact]
    public void Stage_declarations_switch_between_macro_and_main()
    {
        var statements = ParseClean("#stage(macro)\nlet a = 1\n#stage(main)\nlet b = 2");
        Assert.Equal([0, 1], statements.OfType<StageStmt>().Select(s => s.Stage));
        Assert.Equal("(stage macro)\n(let a 1)\n(stage main)\n(let b 2)", PrintProgram("#stage(macro)\nlet a = 1\n#stage(main)\nlet b = 2"));
    }

    [Fact]
    public void Recursive_macro_with_quotes_splices_and_macro_calls()
    {
        const string source = """
            #stage(macro)
            fn bank(n){ if (n > 0) { `{ sinwave(440.0 * $(n |> lift_f), 0.0) + bank!(n - 1) } } else { `{ 0.0 } } }
            #stage(main)
            fn dsp(){ bank!(3) }
            """;
        Assert.Equal(
            "(stage macro)\n"
            + "(fn bank (n) (block (if (call gt (var n) 0) (block (quote (block (call add (call sinwave (call mult 440 (splice (pipe lift_f (var n)))) 0) (macro bank (call sub (var n) 1)))))) (block (quote (block 0))))))\n"
            + "(stage main)\n"
            + "(fn dsp () (block (macro bank 3)))",
            PrintProgram(source));
    }

    [Fact]
    public void Top_level_splice_of_a_block_is_an_expression_statement()
    {
        const string source = """
            ${
                let g = |n| `{ n }
                `{
                    let dsp = | | 2 |> $(g(5))
                }
            }
            """;
        var statement = Assert.IsType<ExprStmt>(Assert.Single(ParseClean(source)));
        var splice = Assert.IsType<SpliceExpr>(statement.Expr);
        Assert.IsType<BlockExpr>(splice.Body);
        Assert.Equal(
            "(splice (block (let g (lambda (n) (quote (block (var n))))) (quote (block (let dsp (lambda () (pipe (splice (call g 5)) 2)))))))",
            PrintProgram(source));
    }

    [Fact]
    public void Lambda_return_type_may_be_code_of_a_function()
    {
        Assert.Equal(
            "(let gen (lambda ((n float)) (: (code (-> (float) float))) (block (quote (lambda ((x float)) (var x))))))",
            PrintProgram("let gen = |n:float| -> `(float)->float { `|x:float| x }"));
    }

    [Fact]
    public void Quote_of_splices_inside_arguments()
    {
        Assert.Equal(
            "(quote (block (lambda ((x float)) (splice (call aux (var n) (quote (var x)))))))",
            PrintExpr("`{|x:float| $(aux(n,`x))}"));
    }
}
