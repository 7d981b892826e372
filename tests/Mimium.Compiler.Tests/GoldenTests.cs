using System.Runtime.CompilerServices;
using Mimium.Runtime.Bytecode;

namespace Mimium.Compiler.Tests;

/// <summary>
/// Disassembly of small programs against reviewed golden files (Golden/NAME.mmm → NAME.bytecode).
/// Set MIMIUM_UPDATE_GOLDEN=1 to rewrite them — then review every changed line by hand against
/// the semantics before accepting it.
/// </summary>
public class GoldenTests
{
    private static string GoldenDir([CallerFilePath] string here = "") => Path.Combine(Path.GetDirectoryName(here)!, "Golden");

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var f in Directory.GetFiles(GoldenDir(), "*.mmm").Order(StringComparer.Ordinal)) data.Add(Path.GetFileNameWithoutExtension(f));
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void DisassemblyMatchesTheReviewedGolden(string name)
    {
        var dir = GoldenDir();
        var source = File.ReadAllText(Path.Combine(dir, name + ".mmm"));
        var result = Compilation.CompileSource(name + ".mmm", source, new CompilationOptions { Inline = false });
        Assert.True(result.Success, string.Join("\n", result.Diagnostics.Select(d => d.Format())));
        var actual = Disassembler.Print(result.Program!) + "\nSTATE:\n" + result.Program!.DspSkeleton;
        var goldenPath = Path.Combine(dir, name + ".bytecode");
        if (Environment.GetEnvironmentVariable("MIMIUM_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(goldenPath, actual);
            return;
        }
        Assert.True(File.Exists(goldenPath), $"missing {goldenPath}; run with MIMIUM_UPDATE_GOLDEN=1 and review it");
        Assert.Equal(File.ReadAllText(goldenPath).Replace("\r\n", "\n"), actual);
    }
}
