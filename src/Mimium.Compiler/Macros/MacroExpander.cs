using System.Collections.Immutable;
using Mimium.Compiler.CodeGen;
using Mimium.Runtime.Vm;
using Mimium.Syntax.Ast;
using Mimium.Syntax.Diagnostics;
using Mimium.Syntax.Text;
using Mimium.Types;

namespace Mimium.Compiler.Macros;

/// <summary>
/// Multi-stage expansion. The macro-stage statements and one thunk per main-stage splice form a
/// stage-0 program, which is type-checked, compiled and run on our VM like any other; its code
/// values are ASTs held here by handle. The thunks' results replace the splices, and the
/// resulting main-stage program is then checked and compiled as if written by hand.
/// </summary>
internal sealed class MacroExpander
{
    private readonly CompilationOptions _options;
    private readonly DiagnosticBag _diags;
    private readonly List<Expr> _codes = new();
    private CodeGenerator? _gen;

    private MacroExpander(CompilationOptions options, DiagnosticBag diags)
    {
        _options = options;
        _diags = diags;
    }

    public static IReadOnlyList<Stmt> Expand(IReadOnlyList<Stmt> program, CompilationOptions options, DiagnosticBag diags, out IReadOnlySet<string> macroStageNames)
    {
        var desugar = new MacroCallDesugarer();
        var stage = 1;
        var stage0 = new List<Stmt>();
        var stage1 = new List<Stmt>();
        foreach (var s in program)
        {
            if (s is StageStmt st)
            {
                stage = st.Stage;
                continue;
            }
            (stage == 0 ? stage0 : stage1).Add(desugar.Rewrite(s));
        }
        macroStageNames = TopLevelNames(stage0).ToHashSet();
        var sites = SpliceSites.Collect(stage1);
        if (stage0.Count == 0 && sites.Count == 0) return stage1;
        return new MacroExpander(options, diags).Run(stage0, stage1, sites);
    }

    public static IEnumerable<string> TopLevelNames(IEnumerable<Stmt> stmts) => stmts.SelectMany(s => s switch
    {
        FnDecl f => new[] { f.Name },
        LetStmt l => TypeChecker.PatternNames(l.Pattern),
        LetRecStmt r => new[] { r.Name },
        _ => Array.Empty<string>(),
    });

    private IReadOnlyList<Stmt> Run(List<Stmt> stage0, List<Stmt> stage1, List<SpliceExpr> sites)
    {
        var thunks = sites.Select((s, i) => new FnDecl($"__splice{i}", ImmutableArray<Param>.Empty, null, s.Body, s.Span, s.Span)).ToList();
        var program0 = stage0.Concat(thunks).ToList();
        var hostBuiltins = _options.HostMacros.ToDictionary(m => m.Name, m => m.Scheme);
        var types = TypeChecker.Check(program0, new TypeCheckOptions
        {
            Stage = 0,
            RequireDsp = false,
            HostBuiltins = hostBuiltins,
            OtherStageNames = TopLevelNames(stage1).ToHashSet(),
        });
        _diags.AddRange(types.Diagnostics.Items);
        if (types.Diagnostics.HasErrors) return stage1;
        foreach (var t in thunks)
        {
            if (types.Declarations[t].Type.Prune() is FunctionMType { Result: var r } && r.Prune() is not (CodeMType or TypeVar))
                _diags.Error(ErrorCodes.NotCode, $"a splice needs code (`T) but this has type {r}", t.Body.Span);
        }
        if (_diags.HasErrors) return stage1;

        _gen = new CodeGenerator(program0, types, _diags, _options.SelfMode)
        {
            Specialized = new HashSet<string>(new[] { "lift", "lift_f" }.Concat(_options.HostMacros.Select(m => m.Name))),
        };
        var compiled = _gen.Generate(string.Empty, thunks, out var entries);
        if (_diags.HasErrors) return stage1;

        var vm = new VirtualMachine(compiled, _options.MacroVm with { DspCallBudget = _options.MacroVm.InitCallBudget }, BuildExternals(compiled.Strings));
        vm.Output = Console.Out;
        if (!vm.RunGlobalInit())
        {
            ReportFault(vm.Fault!, stage0.FirstOrDefault()?.Span ?? Span.None);
            return stage1;
        }
        var replacements = new Dictionary<Expr, Expr>(ReferenceEqualityComparer.Instance);
        var result = new double[1];
        for (var i = 0; i < sites.Count; i++)
        {
            if (!vm.CallFunction(entries[thunks[i]], ReadOnlySpan<double>.Empty, result))
            {
                ReportFault(vm.Fault!, sites[i].Span);
                return stage1;
            }
            var code = CodeAt(result[0], sites[i].Span);
            if (code is null) return stage1;
            replacements[sites[i]] = code;
        }
        return Substitute(stage1, replacements);
    }

    private void ReportFault(VmFault fault, Span site) =>
        _diags.Error(ErrorCodes.MacroFailed, $"macro expansion failed: {fault.Message} (in {fault.Function} at {fault.Location.File}:{fault.Location.Line}:{fault.Location.Column})", site);

    private Expr? CodeAt(double handle, Span site)
    {
        var h = (int)handle;
        if (h >= 0 && h < _codes.Count && h == handle) return _codes[h];
        _diags.Error(ErrorCodes.NotCode, "the splice did not produce code", site);
        return null;
    }

    private static IReadOnlyList<Stmt> Substitute(List<Stmt> stage1, Dictionary<Expr, Expr> replacements)
    {
        var sub = new SpliceSubstituter(replacements);
        var output = new List<Stmt>();
        foreach (var s in stage1)
        {
            // A top-level splice yields statements: a block's statements join the top level.
            if (s is ExprStmt { Expr: SpliceExpr site } && replacements.TryGetValue(site, out var code))
            {
                var fresh = new AstRewriter().Rewrite(code);
                if (fresh is BlockExpr block) output.AddRange(block.Statements);
                else output.Add(new ExprStmt(fresh, s.Span));
                continue;
            }
            output.Add(sub.Rewrite(s));
        }
        return output;
    }

    private int AddCode(Expr e)
    {
        _codes.Add(e);
        return _codes.Count - 1;
    }

    private Dictionary<string, ExternalFunction> BuildExternals(ImmutableArray<string> strings)
    {
        var gen = _gen!;
        var externals = new Dictionary<string, ExternalFunction>
        {
            [MacroExternals.Quote] = (vm, frame) =>
            {
                var template = gen.Templates[(int)frame[0]];
                var holes = new Dictionary<Expr, Expr>(ReferenceEqualityComparer.Instance);
                for (var i = 0; i < template.Holes.Length; i++)
                {
                    var h = (int)frame[1 + i];
                    if (h < 0 || h >= _codes.Count) return false;
                    holes[template.Holes[i]] = _codes[h];
                }
                frame[0] = AddCode(new SpliceSubstituter(holes).Rewrite(template.Body));
                return true;
            },
        };
        var macros = _options.HostMacros.ToDictionary(m => m.Name);
        for (var k = 0; k < gen.SpecializedCalls.Count; k++)
        {
            var (name, argTypes) = gen.SpecializedCalls[k];
            if (name is "lift" or "lift_f")
            {
                var type = argTypes.Length == 1 ? argTypes[0] : PrimType.Float;
                externals[MacroExternals.Specialized(name, k)] = (vm, frame) =>
                {
                    var pos = 0;
                    var code = Lift(type, frame, ref pos, strings);
                    if (code is null) return false;
                    frame[0] = AddCode(code);
                    return true;
                };
                continue;
            }
            var macro = macros[name];
            var width = argTypes.Sum(TypeLayout.Width);
            externals[MacroExternals.Specialized(name, k)] = (vm, frame) =>
            {
                var call = new HostMacroCall(frame[..width].ToArray().ToImmutableArray(), strings, argTypes);
                var code = macro.Expand(call);
                if (code is null)
                {
                    _diags.Error(ErrorCodes.MacroFailed, $"{macro.Name}!: {call.Error ?? "expansion failed"}", Span.None);
                    return false;
                }
                frame[0] = AddCode(code);
                return true;
            };
        }
        return externals;
    }

    /// <summary>Turns a macro-stage value into main-stage code that evaluates to it.</summary>
    private Expr? Lift(MType type, Span<double> words, ref int pos, ImmutableArray<string> strings)
    {
        switch (type.Prune())
        {
            case PrimType { Kind: PrimKind.Float or PrimKind.Int }:
                return new NumberLit(words[pos++], Span.None);
            case PrimType { Kind: PrimKind.String }:
            {
                var i = (int)words[pos++];
                return new StringLit(i >= 0 && i < strings.Length ? strings[i] : "", Span.None);
            }
            case TupleMType tu:
            {
                var elems = ImmutableArray.CreateBuilder<Expr>();
                foreach (var el in tu.Elements)
                {
                    var x = Lift(el, words, ref pos, strings);
                    if (x is null) return null;
                    elems.Add(x);
                }
                return new TupleExpr(elems.ToImmutable(), Span.None);
            }
            case CodeMType:
            {
                var h = (int)words[pos++];
                return h >= 0 && h < _codes.Count ? _codes[h] : null;
            }
            default:
                return null;
        }
    }
}
