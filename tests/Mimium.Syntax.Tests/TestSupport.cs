using System.Collections.Immutable;
using Mimium.Syntax.Ast;
using Mimium.Syntax.Diagnostics;
using Mimium.Syntax.Parsing;
using Mimium.Syntax.Printing;
using Mimium.Syntax.Text;

namespace Mimium.Syntax.Tests;

internal static class TestSupport
{
    public static SourceFile Source(string text, string path = "test.mmm") => new(path, text);

    /// <summary>Parses a program that must be free of diagnostics and prints it.</summary>
    public static string PrintProgram(string text)
    {
        var statements = ParseClean(text);
        return string.Join("\n", statements.Select(AstPrinter.Print));
    }

    public static ImmutableArray<Stmt> ParseClean(string text)
    {
        var diags = new DiagnosticBag();
        var statements = Parser.ParseProgram(Source(text), diags);
        Assert.True(diags.Items.Count == 0, "unexpected diagnostics:\n" + string.Join("\n", diags.Items.Select(d => d.Format())));
        return statements;
    }

    /// <summary>Parses one expression that must be free of diagnostics and prints it.</summary>
    public static string PrintExpr(string text)
    {
        var diags = new DiagnosticBag();
        var expr = Parser.ParseExpression(Source(text), diags);
        Assert.True(diags.Items.Count == 0, "unexpected diagnostics:\n" + string.Join("\n", diags.Items.Select(d => d.Format())));
        Assert.NotNull(expr);
        return AstPrinter.Print(expr);
    }

    public static (ImmutableArray<Stmt> Statements, IReadOnlyList<Diagnostic> Diagnostics) ParseWithErrors(string text)
    {
        var diags = new DiagnosticBag();
        var statements = Parser.ParseProgram(Source(text), diags);
        return (statements, diags.Items);
    }
}
