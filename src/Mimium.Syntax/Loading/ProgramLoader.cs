using System.Collections.Immutable;
using Mimium.Syntax.Ast;
using Mimium.Syntax.Diagnostics;
using Mimium.Syntax.Parsing;
using Mimium.Syntax.Text;

namespace Mimium.Syntax.Loading;

/// <summary>
/// Parses a program and splices every top-level `include("path")` with the statements of the
/// file it names, recursively. Each inclusion is parsed afresh so that no AST node appears twice
/// in the program (later phases key side tables on node identity).
/// </summary>
public sealed class ProgramLoader
{
    private const int MaxIncludeDepth = 64;

    private readonly IReadOnlyList<string> _libraryPaths;
    private readonly Func<string, string?> _readFile;

    /// <param name="libraryPaths">Searched first for non-relative include paths (MIMIUM_LIB_PATH entries, the CLI's library folder).</param>
    /// <param name="readFile">Returns a file's text or null when it does not exist; null means the file system.</param>
    public ProgramLoader(IReadOnlyList<string> libraryPaths, Func<string, string?>? readFile = null)
    {
        _libraryPaths = libraryPaths;
        _readFile = readFile ?? ReadFromDisk;
    }

    public Program Load(string path, string text, DiagnosticBag diags)
    {
        var run = new LoadRun(this, diags);
        var file = run.Register(Path.GetFullPath(path), () => new SourceFile(path, text));
        var statements = run.LoadFile(file, Path.GetFullPath(path), []);
        return new Program(statements, run.Files.ToImmutableArray());
    }

    public Program LoadFile(string path, DiagnosticBag diags)
    {
        var text = _readFile(Path.GetFullPath(path));
        if (text is null)
        {
            diags.Error(ErrorCodes.IncludeNotFound, $"File {path} not found", Span.None);
            return new Program([], []);
        }
        return Load(path, text, diags);
    }

    private static string? ReadFromDisk(string path)
    {
        try
        {
            return File.Exists(path) ? File.ReadAllText(path) : null;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>
    /// Candidate locations for an include, in mimium's order: library paths, a `lib/` folder in
    /// any ancestor of the including file's folder (nearest first), ~/.mimium/lib, and finally
    /// the including file's folder. Paths starting with `.` or rooted ones only use the last.
    /// </summary>
    private IEnumerable<string> Candidates(string includingDir, string target)
    {
        var searchLibraries = !(Path.IsPathRooted(target) || target.StartsWith('.'));
        if (searchLibraries)
        {
            foreach (var lib in _libraryPaths)
            {
                if (!string.IsNullOrEmpty(lib)) yield return Path.Combine(lib, target);
            }
            for (var dir = includingDir; dir is not null; dir = Path.GetDirectoryName(dir))
                yield return Path.Combine(dir, "lib", target);
            var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            if (!string.IsNullOrEmpty(home)) yield return Path.Combine(home, ".mimium", "lib", target);
        }
    }

    private sealed class LoadRun(ProgramLoader loader, DiagnosticBag diags)
    {
        private readonly Dictionary<string, SourceFile> _byPath = new(StringComparer.Ordinal);

        public List<SourceFile> Files { get; } = [];

        public SourceFile Register(string fullPath, Func<SourceFile> create)
        {
            if (_byPath.TryGetValue(fullPath, out var existing)) return existing;
            var file = create();
            _byPath[fullPath] = file;
            Files.Add(file);
            return file;
        }

        /// <param name="stack">Full paths of the files currently being included, outermost first.</param>
        public ImmutableArray<Stmt> LoadFile(SourceFile file, string fullPath, ImmutableStack<string> stack)
        {
            var parsed = Parser.ParseProgram(file, diags);
            var inner = stack.Push(fullPath);
            var result = ImmutableArray.CreateBuilder<Stmt>(parsed.Length);
            foreach (var stmt in parsed)
            {
                if (stmt is IncludeStmt include) result.AddRange(Include(include, fullPath, inner, stack.Count() + 1));
                else result.Add(stmt);
            }
            return result.ToImmutable();
        }

        private ImmutableArray<Stmt> Include(IncludeStmt include, string includingPath, ImmutableStack<string> stack, int depth)
        {
            if (include.Path.Length == 0) return [];
            var includingDir = Path.GetDirectoryName(includingPath) ?? Directory.GetCurrentDirectory();
            string? foundPath = null;
            string? text = null;
            foreach (var candidate in loader.Candidates(includingDir, include.Path))
            {
                var full = Path.GetFullPath(candidate);
                text = loader._readFile(full);
                if (text is null) continue;
                foundPath = full;
                break;
            }
            if (foundPath is null)
            {
                var relative = Path.GetFullPath(Path.Combine(includingDir, include.Path));
                if (relative == includingPath)
                {
                    diags.Error(ErrorCodes.IncludeItself, $"File tried to include itself recusively: {relative}", include.Span);
                    return [];
                }
                text = loader._readFile(relative);
                if (text is null)
                {
                    diags.Error(ErrorCodes.IncludeNotFound, $"File {relative} not found", include.Span);
                    return [];
                }
                foundPath = relative;
            }
            // Found through a library folder the reference would recurse forever; we report the cycle.
            if (stack.Contains(foundPath))
            {
                diags.Error(ErrorCodes.IncludeItself, $"File tried to include itself recusively: {foundPath}", include.Span);
                return [];
            }
            if (depth > MaxIncludeDepth)
            {
                diags.Error(ErrorCodes.IncludeTooDeep, $"includes nested more than {MaxIncludeDepth} levels deep", include.Span);
                return [];
            }
            var file = Register(foundPath, () => new SourceFile(foundPath, text!));
            return LoadFile(file, foundPath, stack);
        }
    }
}
