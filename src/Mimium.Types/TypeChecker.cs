using System.Collections.Immutable;
using Mimium.Syntax.Ast;
using Mimium.Syntax.Diagnostics;
using Mimium.Syntax.Text;

namespace Mimium.Types;

/// <summary>
/// Hindley–Milner inference with levels: top-level functions (and top-level lets of lambdas) are
/// generalised; locals stay monomorphic. Resolution happens in the same walk, so every reference
/// knows its symbol, and every local knows whether a nested function captures it.
/// </summary>
public sealed partial class TypeChecker
{
    private readonly TypeCheckOptions _options;
    private readonly TypeCheckResult _result = new();
    private Scope _scope;
    private int _level;
    /// <summary>The function whose frame new locals belong to (null: global evaluation).</summary>
    private Node? _function;
    /// <summary>Return type of the innermost function, which is what `self` reads.</summary>
    private MType? _selfType;
    private int _depth;
    private const int MaxDepth = 10000;

    private TypeChecker(TypeCheckOptions options)
    {
        _options = options;
        var builtins = new Scope(null);
        foreach (var (name, scheme) in BuiltinTypes.Common) builtins.Add(new Symbol(name, SymbolKind.Builtin, null, scheme, null, -1));
        if (options.Stage == 0)
        {
            foreach (var (name, scheme) in BuiltinTypes.MacroOnly) builtins.Add(new Symbol(name, SymbolKind.Builtin, null, scheme, null, 0));
        }
        foreach (var (name, scheme) in options.HostBuiltins) builtins.Add(new Symbol(name, SymbolKind.Builtin, null, scheme, null, -1));
        _scope = new Scope(builtins);
    }

    public static TypeCheckResult Check(IReadOnlyList<Stmt> program, TypeCheckOptions? options = null)
    {
        var checker = new TypeChecker(options ?? new TypeCheckOptions());
        checker.CheckTopLevel(program);
        return checker._result;
    }

    private DiagnosticBag Diags => _result.Diagnostics;

    private void CheckTopLevel(IReadOnlyList<Stmt> program)
    {
        foreach (var stmt in program)
        {
            switch (stmt)
            {
                case FnDecl fn: CheckFnDecl(fn); break;
                case LetStmt let: CheckLet(let, topLevel: true); break;
                case LetRecStmt letrec: CheckLetRec(letrec, topLevel: true); break;
                case StageStmt or IncludeStmt: break;
                default: CheckStatement(stmt); break;
            }
        }
        if (_options.RequireDsp) CheckDsp();
    }

    private void CheckDsp()
    {
        var dsp = _result.FindTopLevel("dsp");
        if (dsp is null)
        {
            Diags.Error(ErrorCodes.NoDsp, "the program defines no `dsp` function", Span.None);
            return;
        }
        if (dsp.Type.Prune() is not FunctionMType f)
        {
            Diags.Error(ErrorCodes.BadDspType, $"`dsp` must be a function, but it has type {dsp.Type}", dsp.Declaration?.Span ?? Span.None);
            return;
        }
        foreach (var p in f.Parameters) DefaultToFloat(p);
        DefaultToFloat(f.Result);
        if (!IsAudioSignal(f.Result))
            Diags.Error(ErrorCodes.BadDspType, $"`dsp` must return float, a tuple of floats or (), but returns {f.Result}", dsp.Declaration?.Span ?? Span.None);
        foreach (var p in f.Parameters)
        {
            if (!IsAudioSignal(p))
                Diags.Error(ErrorCodes.BadDspType, $"`dsp` parameters must be float or tuples of floats, found {p}", dsp.Declaration?.Span ?? Span.None);
        }
    }

    private static bool IsAudioSignal(MType t) => t.Prune() switch
    {
        PrimType { Kind: PrimKind.Float or PrimKind.Unit } => true,
        TupleMType tu => tu.Elements.All(IsAudioSignal),
        _ => false,
    };

    /// <summary>Unconstrained type variables in a signal position are floats (mimium's default).</summary>
    private static void DefaultToFloat(MType t)
    {
        switch (t.Prune())
        {
            case TypeVar v: v.Instance = PrimType.Float; break;
            case TupleMType tu: foreach (var e in tu.Elements) DefaultToFloat(e); break;
        }
    }

    private Symbol Declare(string name, SymbolKind kind, Node decl, Scheme scheme, int stage = -2)
    {
        var s = new Symbol(name, kind, decl, scheme, kind == SymbolKind.Local ? _function : null, stage == -2 ? _options.Stage : stage);
        _scope.Add(s);
        _result.Declarations[decl] = s;
        if (kind is SymbolKind.Function or SymbolKind.Global) _result.TopLevel.Add(s);
        return s;
    }

    private TypeVar Fresh() => new(_level);

    private void PushScope() => _scope = new Scope(_scope);
    private void PopScope() => _scope = _scope.Parent!;

    private MType Record(Expr e, MType t)
    {
        _result.ExprTypes[e] = t;
        return t;
    }
}
