using System.Runtime.CompilerServices;
using Mimium.Syntax.Diagnostics;
using Mimium.Syntax.Loading;
using Mimium.Syntax.Printing;

namespace Mimium.Syntax.Tests;

/// <summary>
/// Each Golden/NAME.mmm is parsed and printed and must equal Golden/NAME.ast.
/// Run with MIMIUM_UPDATE_GOLDEN=1 to (re)write the .ast files after an intended change.
/// </summary>
public class GoldenTests
{
    private static string GoldenDir([CallerFilePath] string thisFile = "") => Path.Combine(Path.GetDirectoryName(thisFile)!, "Golden");

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(GoldenDir(), "*.mmm").OrderBy(f => f, StringComparer.Ordinal))
            data.Add(Path.GetFileNameWithoutExtension(file));
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Parsed_program_matches_golden_ast(string name)
    {
        var source = Path.Combine(GoldenDir(), name + ".mmm");
        var expectedPath = Path.Combine(GoldenDir(), name + ".ast");
        var diags = new DiagnosticBag();
        var program = new ProgramLoader([]).LoadFile(source, diags);
        var actual = AstPrinter.Print(program) + string.Concat(diags.Items.Select(d => $"; {d.Code} {d.Line}:{d.Column} {d.Message}\n"));

        if (Environment.GetEnvironmentVariable("MIMIUM_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(expectedPath, actual);
            return;
        }
        Assert.True(File.Exists(expectedPath), $"missing {expectedPath}; run with MIMIUM_UPDATE_GOLDEN=1");
        Assert.Equal(File.ReadAllText(expectedPath).ReplaceLineEndings("\n"), actual);
    }
}
