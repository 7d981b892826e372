using System.Collections.Immutable;
using Mimium.Compiler.CodeGen;
using Mimium.Compiler.Macros;
using Mimium.Runtime.Bytecode;
using Mimium.Syntax.Ast;
using Mimium.Syntax.Diagnostics;
using Mimium.Syntax.Loading;
using Mimium.Syntax.Text;
using Mimium.Types;

namespace Mimium.Compiler;

/// <summary>The outcome of compiling one program: bytecode or diagnostics, never an exception.</summary>
public sealed class CompilationResult
{
    public CompiledProgram? Program { get; init; }
    public required IReadOnlyList<Diagnostic> Diagnostics { get; init; }
    /// <summary>The main-stage statements after includes and macro expansion.</summary>
    public IReadOnlyList<Stmt> Expanded { get; init; } = Array.Empty<Stmt>();
    public TypeCheckResult? Types { get; init; }
    public bool Success => Program is not null && !Diagnostics.Any(d => d.Severity == Severity.Error);
}

/// <summary>Source → load (includes) → macro expansion → type check → bytecode.</summary>
public static class Compilation
{
    public static CompilationResult CompileFile(string path, CompilationOptions? options = null)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return Failed(Diagnostic.Error(ErrorCodes.IncludeNotFound, $"cannot read {path}: {ex.Message}", Span.None));
        }
        return CompileSource(path, text, options);
    }

    public static CompilationResult CompileSource(string path, string text, CompilationOptions? options = null)
    {
        options ??= new CompilationOptions();
        if (text.Length > options.MaxSourceLength)
            return Failed(Diagnostic.Error(ErrorCodes.TooDeep, $"the program is {text.Length} characters long; the limit is {options.MaxSourceLength}", Span.None));
        var diags = new DiagnosticBag();
        CompilationResult? result = null;
        // Every phase recurses over the tree; a big dedicated stack lets deeply nested (or long
        // operator-chained) programs compile, and the phases' stack probes report anything deeper.
        var worker = new Thread(() =>
        {
            try
            {
                result = Run(path, text, options, diags);
            }
            catch (InsufficientExecutionStackException)
            {
                diags.Error(ErrorCodes.TooDeep, "the program is nested too deeply to compile", Span.None);
                result = new CompilationResult { Diagnostics = diags.Items };
            }
        }, CompilerStackBytes) { Name = "mimium-compile", IsBackground = true };
        worker.Start();
        worker.Join();
        return result!;
    }

    private const int CompilerStackBytes = 256 * 1024 * 1024;

    private static CompilationResult Run(string path, string text, CompilationOptions options, DiagnosticBag diags)
    {
        var loader = new ProgramLoader(options.LibraryPaths);
        var loaded = loader.Load(path, text, diags);
        if (diags.HasErrors) return new CompilationResult { Diagnostics = diags.Items };

        var expanded = MacroExpander.Expand(loaded.Statements, options, diags, out var macroNames);
        if (diags.HasErrors) return new CompilationResult { Diagnostics = diags.Items, Expanded = expanded };

        var types = TypeChecker.Check(expanded, new TypeCheckOptions
        {
            Stage = 1,
            OtherStageNames = macroNames,
            HostBuiltins = options.HostFunctions.ToDictionary(f => f.Name, f => Scheme.Mono(f.Type)),
        });
        diags.AddRange(types.Diagnostics.Items);
        if (diags.HasErrors) return new CompilationResult { Diagnostics = diags.Items, Expanded = expanded, Types = types };

        var gen = new CodeGenerator(expanded, types, diags, options.SelfMode) { Inline = options.Inline };
        var program = gen.Generate(text, Array.Empty<FnDecl>(), out _);
        return new CompilationResult
        {
            Program = diags.HasErrors ? null : program,
            Diagnostics = diags.Items,
            Expanded = expanded,
            Types = types,
        };
    }

    private static CompilationResult Failed(Diagnostic d) => new() { Diagnostics = ImmutableArray.Create(d) };
}
