using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Mimiumd.Tests.Layering;

/// <summary>
/// The dependency rule from docs: language → runtime → host, never back; native calls only in
/// Interop folders. Read from the project files and sources, so a backwards arrow fails here.
/// </summary>
public class DependencyRuleTests
{
    private static readonly string Root = FindRoot();

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "mimiumd.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("mimiumd.sln not found above the test directory");
    }

    private static IReadOnlyList<string> References(string project)
    {
        var path = Path.Combine(Root, "src", project, project + ".csproj");
        return XDocument.Load(path).Descendants("ProjectReference")
            .Select(e => Path.GetFileNameWithoutExtension(e.Attribute("Include")!.Value))
            .ToList();
    }

    private static IEnumerable<string> SourceProjects() =>
        Directory.GetDirectories(Path.Combine(Root, "src")).Select(Path.GetFileName).OfType<string>();

    [Fact]
    public void LanguageProjectsNeverReferenceTheDaemonSide()
    {
        foreach (var p in SourceProjects().Where(p => p.StartsWith("Mimium.", StringComparison.Ordinal)))
        {
            Assert.DoesNotContain(References(p), r => r.StartsWith("Mimiumd", StringComparison.Ordinal));
            var csproj = File.ReadAllText(Path.Combine(Root, "src", p, p + ".csproj"));
            Assert.DoesNotContain("Serilog", csproj);
            Assert.DoesNotContain("Microsoft.Extensions.Hosting", csproj);
        }
    }

    [Fact]
    public void TheRuntimeKnowsNothingOfSourceCode()
    {
        Assert.Empty(References("Mimium.Runtime"));
    }

    [Theory]
    [InlineData("Mimium.Syntax", new string[0])]
    [InlineData("Mimium.Types", new[] { "Mimium.Syntax" })]
    [InlineData("Mimium.Compiler", new[] { "Mimium.Syntax", "Mimium.Types", "Mimium.Runtime" })]
    [InlineData("Mimium.Engine", new[] { "Mimium.Compiler" })]
    [InlineData("Mimiumd.Audio", new string[0])]
    [InlineData("Mimiumd.Osc", new string[0])]
    [InlineData("Mimiumd.Alsa", new[] { "Mimiumd.Audio" })]
    public void EachProjectReferencesOnlyWhatItsLayerAllows(string project, string[] allowed)
    {
        Assert.All(References(project), r => Assert.Contains(r, allowed));
    }

    [Fact]
    public void DaemonLibrariesKnowNothingOfMimium()
    {
        foreach (var p in new[] { "Mimiumd.Audio", "Mimiumd.Osc", "Mimiumd.Alsa" })
            Assert.DoesNotContain(References(p), r => r.StartsWith("Mimium.", StringComparison.Ordinal));
    }

    [Fact]
    public void NativeCallsLiveOnlyInInteropFolders()
    {
        var pattern = new Regex(@"\[(LibraryImport|DllImport)\(");
        var offenders = Directory.EnumerateFiles(Path.Combine(Root, "src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}"))
            .Where(f => pattern.IsMatch(File.ReadAllText(f)))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}Interop{Path.DirectorySeparatorChar}"))
            .ToList();
        Assert.Empty(offenders);
    }

    [Fact]
    public void NoDllImportOnlyLibraryImport()
    {
        var offenders = Directory.EnumerateFiles(Path.Combine(Root, "src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}"))
            .Where(f => File.ReadAllText(f).Contains("[DllImport("))
            .ToList();
        Assert.Empty(offenders);
    }
}
