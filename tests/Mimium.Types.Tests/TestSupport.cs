using Mimium.Syntax.Diagnostics;
using Mimium.Syntax.Parsing;
using Mimium.Syntax.Text;

namespace Mimium.Types.Tests;

internal static class Check
{
    /// <summary>Parses (which must succeed) and type-checks a program.</summary>
    public static TypeCheckResult Program(string source, bool requireDsp = false)
    {
        var diags = new DiagnosticBag();
        var stmts = Parser.ParseProgram(new SourceFile("t.mmm", source), diags);
        Assert.False(diags.HasErrors, "parse failed:\n" + string.Join("\n", diags.Items.Select(d => d.Format())));
        return TypeChecker.Check(stmts, new TypeCheckOptions { RequireDsp = requireDsp });
    }

    /// <summary>Type-checks a program that must have no errors.</summary>
    public static TypeCheckResult Ok(string source, bool requireDsp = false)
    {
        var r = Program(source, requireDsp);
        Assert.False(r.Diagnostics.HasErrors, "type errors:\n" + string.Join("\n", r.Diagnostics.Items.Select(d => d.Format())));
        return r;
    }

    /// <summary>The printed type of a top-level definition.</summary>
    public static string TypeOf(TypeCheckResult r, string name)
    {
        var sym = r.FindTopLevel(name);
        Assert.NotNull(sym);
        return sym!.Type.ToString();
    }

    public static IReadOnlyList<Diagnostic> Errors(string source, bool requireDsp = false)
    {
        var r = Program(source, requireDsp);
        Assert.True(r.Diagnostics.HasErrors, "expected type errors but there were none");
        return r.Diagnostics.Items.Where(d => d.Severity == Severity.Error).ToList();
    }
}
