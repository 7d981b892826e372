using Mimium.Syntax.Ast;
using Mimium.Syntax.Diagnostics;
using Mimium.Syntax.Loading;
using Mimium.Syntax.Printing;

namespace Mimium.Syntax.Tests;

public class ProgramLoaderTests
{
    /// <summary>An in-memory file system for the loader's readFile hook; records every lookup.</summary>
    private sealed class FakeFiles(Dictionary<string, string> files)
    {
        public List<string> Lookups { get; } = [];

        public string? Read(string path)
        {
            Lookups.Add(path);
            return files.GetValueOrDefault(path);
        }
    }

    private static string Names(Program p) => string.Join(" ", p.Statements.OfType<FnDecl>().Select(f => f.Name));

    [Fact]
    public void Include_is_replaced_by_the_statements_of_the_included_file()
    {
        var fs = new FakeFiles(new()
        {
            ["/proj/osc.mmm"] = "fn osc(){ 1 }\nfn osc2(){ 2 }",
        });
        var diags = new DiagnosticBag();
        var program = new ProgramLoader([], fs.Read).Load("/proj/main.mmm", "fn a(){ 0 }\ninclude(\"osc.mmm\")\nfn dsp(){ osc() }", diags);
        Assert.Empty(diags.Items);
        Assert.Equal("a osc osc2 dsp", Names(program));
        Assert.Equal(["/proj/main.mmm", "/proj/osc.mmm"], program.Files.Select(f => f.Path));
        Assert.DoesNotContain(program.Statements, s => s is IncludeStmt);
        var osc = program.Statements.OfType<FnDecl>().Single(f => f.Name == "osc");
        Assert.Equal("/proj/osc.mmm", osc.Span.File!.Path);
    }

    [Fact]
    public void Includes_are_resolved_recursively_relative_to_the_including_file()
    {
        var fs = new FakeFiles(new()
        {
            ["/proj/sub/a.mmm"] = "include(\"./b.mmm\")\nfn a(){ b() }",
            ["/proj/sub/b.mmm"] = "fn b(){ 1 }",
        });
        var diags = new DiagnosticBag();
        var program = new ProgramLoader([], fs.Read).Load("/proj/main.mmm", "include(\"sub/a.mmm\")\nfn dsp(){ a() }", diags);
        Assert.Empty(diags.Items);
        Assert.Equal("b a dsp", Names(program));
    }

    [Fact]
    public void Lookup_order_is_library_paths_then_ancestor_lib_then_home_then_relative()
    {
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        var fs = new FakeFiles(new() { ["/proj/src/osc.mmm"] = "fn relative(){ 0 }" });
        new ProgramLoader(["/libA", "/libB"], fs.Read).Load("/proj/src/main.mmm", "include(\"osc.mmm\")", new DiagnosticBag());
        Assert.Equal(
            [
                "/libA/osc.mmm", "/libB/osc.mmm", "/proj/src/lib/osc.mmm", "/proj/lib/osc.mmm", "/lib/osc.mmm",
                Path.Combine(home, ".mimium", "lib", "osc.mmm"), "/proj/src/osc.mmm",
            ],
            fs.Lookups);
    }

    [Theory]
    [InlineData("/libA/osc.mmm", "lib_path")]
    [InlineData("/proj/lib/osc.mmm", "ancestor_lib")]
    [InlineData("/proj/src/osc.mmm", "relative")]
    public void First_match_in_lookup_order_wins(string hit, string expected)
    {
        var files = new Dictionary<string, string> { [hit] = $"fn {expected}(){{ 0 }}" };
        if (hit != "/proj/src/osc.mmm") files["/proj/src/osc.mmm"] = "fn relative(){ 0 }";
        var program = new ProgramLoader(["/libA"], new FakeFiles(files).Read).Load("/proj/src/main.mmm", "include(\"osc.mmm\")", new DiagnosticBag());
        Assert.Equal(expected, Names(program));
    }

    [Theory]
    [InlineData("./osc.mmm")]
    [InlineData("../src/osc.mmm")]
    [InlineData("/proj/src/osc.mmm")]
    public void Explicitly_relative_or_absolute_paths_skip_the_library_folders(string includePath)
    {
        var fs = new FakeFiles(new() { ["/proj/src/osc.mmm"] = "fn osc(){ 0 }", ["/libA/osc.mmm"] = "fn wrong(){ 0 }" });
        var program = new ProgramLoader(["/libA"], fs.Read).Load("/proj/src/main.mmm", $"include(\"{includePath}\")", new DiagnosticBag());
        Assert.Equal("osc", Names(program));
        Assert.Equal(["/proj/src/osc.mmm"], fs.Lookups);
    }

    [Fact]
    public void Self_inclusion_is_MM1021_with_mimiums_message()
    {
        var fs = new FakeFiles(new());
        var diags = new DiagnosticBag();
        var program = new ProgramLoader([], fs.Read).Load("/proj/self.mmm", "include(\"self.mmm\")\nfn dsp(){\n    0.0\n}", diags);
        var d = Assert.Single(diags.Items);
        Assert.Equal(ErrorCodes.IncludeItself, d.Code);
        Assert.Equal("File tried to include itself recusively: /proj/self.mmm", d.Message);
        Assert.Equal((1, 1), (d.Line, d.Column));
        Assert.Equal("dsp", Names(program));
    }

    [Fact]
    public void Mutual_inclusion_is_reported_instead_of_recursing_forever()
    {
        var fs = new FakeFiles(new()
        {
            ["/p/a.mmm"] = "include(\"b.mmm\")\nfn a(){ 1 }",
            ["/p/b.mmm"] = "include(\"a.mmm\")\nfn b(){ 2 }",
        });
        var diags = new DiagnosticBag();
        var program = new ProgramLoader([], fs.Read).LoadFile("/p/a.mmm", diags);
        var d = Assert.Single(diags.Items);
        Assert.Equal(ErrorCodes.IncludeItself, d.Code);
        Assert.Equal("/p/b.mmm", d.Span.File!.Path);
        Assert.Equal("b a", Names(program));
    }

    [Fact]
    public void Include_chains_deeper_than_the_cap_are_MM1022()
    {
        var files = new Dictionary<string, string>();
        for (var i = 0; i < 100; i++) files[$"/p/f{i}.mmm"] = $"include(\"f{i + 1}.mmm\")";
        files["/p/f100.mmm"] = "fn last(){ 0 }";
        var diags = new DiagnosticBag();
        new ProgramLoader([], new FakeFiles(files).Read).LoadFile("/p/f0.mmm", diags);
        Assert.Equal(ErrorCodes.IncludeTooDeep, Assert.Single(diags.Items).Code);
    }

    [Fact]
    public void Missing_include_is_MM1020_at_the_include_statement()
    {
        var diags = new DiagnosticBag();
        var program = new ProgramLoader([], new FakeFiles(new()).Read).Load("/p/main.mmm", "fn a(){ 0 }\n  include(\"nope.mmm\")\nfn b(){ 0 }", diags);
        var d = Assert.Single(diags.Items);
        Assert.Equal(ErrorCodes.IncludeNotFound, d.Code);
        Assert.Contains("/p/nope.mmm", d.Message);
        Assert.Equal((2, 3), (d.Line, d.Column));
        Assert.Equal("a b", Names(program));
    }

    [Fact]
    public void Syntax_errors_in_included_files_point_into_those_files()
    {
        var fs = new FakeFiles(new() { ["/p/bad.mmm"] = "fn ok(){ 1 }\nlet x = )" });
        var diags = new DiagnosticBag();
        new ProgramLoader([], fs.Read).Load("/p/main.mmm", "include(\"bad.mmm\")", diags);
        var d = Assert.Single(diags.Items);
        Assert.Equal("/p/bad.mmm", d.Span.File!.Path);
        Assert.Equal(2, d.Line);
    }

    [Fact]
    public void A_file_included_twice_is_parsed_twice_into_distinct_nodes()
    {
        var fs = new FakeFiles(new() { ["/p/x.mmm"] = "let v = 1" });
        var program = new ProgramLoader([], fs.Read).Load("/p/main.mmm", "include(\"x.mmm\")\ninclude(\"x.mmm\")", new DiagnosticBag());
        Assert.Equal(2, program.Statements.Length);
        Assert.NotSame(program.Statements[0], program.Statements[1]);
        Assert.Equal(2, program.Files.Length);
    }

    [Fact]
    public void LoadFile_reads_from_disk_by_default()
    {
        var dir = Directory.CreateTempSubdirectory("mimium-loader-");
        try
        {
            Directory.CreateDirectory(Path.Combine(dir.FullName, "lib"));
            Directory.CreateDirectory(Path.Combine(dir.FullName, "src"));
            File.WriteAllText(Path.Combine(dir.FullName, "lib", "util.mmm"), "fn util(){ 1 }");
            File.WriteAllText(Path.Combine(dir.FullName, "src", "main.mmm"), "include(\"util.mmm\")\nfn dsp(){ util() }");
            var diags = new DiagnosticBag();
            var program = new ProgramLoader([]).LoadFile(Path.Combine(dir.FullName, "src", "main.mmm"), diags);
            Assert.Empty(diags.Items);
            Assert.Equal("(fn util () (block 1))\n(fn dsp () (block (call util)))\n", AstPrinter.Print(program));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void LoadFile_of_a_missing_file_is_MM1020()
    {
        var diags = new DiagnosticBag();
        var program = new ProgramLoader([], new FakeFiles(new()).Read).LoadFile("/nowhere/main.mmm", diags);
        Assert.Equal(ErrorCodes.IncludeNotFound, Assert.Single(diags.Items).Code);
        Assert.Empty(program.Statements);
    }
}
