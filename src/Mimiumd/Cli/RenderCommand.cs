using System.CommandLine;
using Mimium.Compiler;
using Mimium.Compiler.CodeGen;
using Mimium.Engine;
using Mimium.Runtime.Bytecode;
using Mimium.Runtime.Vm;
using Mimium.Syntax.Printing;

namespace Mimiumd.Cli;

/// <summary>
/// `mimiumd render FILE --output out.csv|out.wav --times N`: the reference CLI's offline form, so
/// tools written for mimium work with the prefix `mimiumd render`.
/// </summary>
public static class RenderCommand
{
    public static Command Build()
    {
        var file = new Argument<FileInfo>("file") { Description = "the mimium program (.mmm)" };
        var output = new Option<string?>("--output", "-o") { Description = "output path; .csv or .wav (format from the extension)" };
        var format = new Option<string?>("--output-format") { Description = "csv or wav; csv without --output writes to stdout" };
        var times = new Option<long>("--times") { Description = "number of samples to render", DefaultValueFactory = _ => 10 };
        var sampleRate = new Option<int>("--samplerate", "--sample-rate") { Description = "sample rate in Hz", DefaultValueFactory = _ => 48000 };
        var selfInit0 = new Option<bool>("--self-init-0") { Description = "`self` returns the stored value first (0 at the start), as mimium's --self-init-0" };
        var emitAst = new Option<bool>("--emit-ast") { Description = "print the expanded syntax tree and exit" };
        var emitTypes = new Option<bool>("--emit-types") { Description = "print the inferred types of top-level definitions and exit" };
        var emitBytecode = new Option<bool>("--emit-bytecode") { Description = "print the bytecode and exit" };
        var backend = new Option<string?>("--backend") { Description = "accepted for compatibility with mimium-cli; mimiumd always uses its VM" };
        var noGui = new Option<bool>("--no-gui") { Description = "accepted for compatibility with mimium-cli" };
        var cmd = new Command("render", "render a program offline to CSV or WAV")
        {
            file, output, format, times, sampleRate, selfInit0, emitAst, emitTypes, emitBytecode, backend, noGui,
        };
        cmd.SetAction(parse => Run(new RenderRequest(
            parse.GetValue(file)!,
            parse.GetValue(output),
            parse.GetValue(format),
            parse.GetValue(times),
            parse.GetValue(sampleRate),
            parse.GetValue(selfInit0),
            parse.GetValue(emitAst),
            parse.GetValue(emitTypes),
            parse.GetValue(emitBytecode))));
        return cmd;
    }

    private sealed record RenderRequest(FileInfo File, string? Output, string? Format, long Times, int SampleRate, bool SelfInit0, bool EmitAst, bool EmitTypes, bool EmitBytecode);

    private static int Run(RenderRequest req)
    {
        if (!req.File.Exists)
        {
            Console.Error.WriteLine($"{req.File.FullName}: error: file not found");
            return 2;
        }
        if (req.Times < 0)
        {
            Console.Error.WriteLine("error: --times must not be negative");
            return 2;
        }
        var options = new CompilationOptions
        {
            SelfMode = req.SelfInit0 ? SelfMode.ZeroAtInit : SelfMode.SimpleState,
            LibraryPaths = LibraryPaths.Resolve(),
        };
        var result = Compilation.CompileFile(req.File.FullName, options);
        foreach (var d in result.Diagnostics) Console.Error.WriteLine(d.Format());
        if (req.EmitAst)
        {
            foreach (var s in result.Expanded) Console.WriteLine(AstPrinter.Print(s));
        }
        if (req.EmitTypes && result.Types is { } types)
        {
            foreach (var s in types.TopLevel) Console.WriteLine($"{s.Name} : {s.Type}");
        }
        if (!result.Success || result.Program is null) return 1;
        if (req.EmitBytecode) Console.Write(Disassembler.Print(result.Program));
        if (req.EmitAst || req.EmitTypes || req.EmitBytecode) return 0;
        return OfflineOutput.Write(result.Program, req.Output, req.Format, req.Times, req.SampleRate);
    }
}
