using Mimium.Syntax.Ast;
using Mimium.Types;

namespace Mimium.Compiler.CodeGen;

/// <summary>
/// Decides which top-level functions have internal state (self, mem, delay, or a direct call of
/// such a function), by fixpoint over the direct-call graph. A recursive function that is
/// stateful would need unbounded state, which the compiler rejects.
/// </summary>
internal sealed class StatefulnessAnalysis
{
    private readonly TypeCheckResult _types;
    private readonly Dictionary<FnDecl, bool> _stateful = new(ReferenceEqualityComparer.Instance);

    public StatefulnessAnalysis(IEnumerable<FnDecl> functions, TypeCheckResult types)
    {
        _types = types;
        var fns = functions.ToList();
        foreach (var f in fns) _stateful[f] = false;
        bool changed;
        do
        {
            changed = false;
            foreach (var f in fns)
            {
                if (_stateful[f]) continue;
                if (SelfFinder.Uses(f.Body) || Visit(f.Body))
                {
                    _stateful[f] = true;
                    changed = true;
                }
            }
        } while (changed);
    }

    public bool IsStateful(FnDecl f) => _stateful.TryGetValue(f, out var s) && s;

    private bool Visit(Expr body) =>
        AstChildren.Descendants(body, e => e is LambdaExpr).Any(e => e is CallExpr c && CalleeIsStateful(c.Callee));

    private bool CalleeIsStateful(Expr callee)
    {
        if (callee is not VarRef v || !_types.References.TryGetValue(v, out var sym)) return false;
        return sym.Kind switch
        {
            SymbolKind.Builtin => BuiltinTypes.IsStateful(sym.Name),
            SymbolKind.Function => sym.Declaration is FnDecl f && _stateful.TryGetValue(f, out var s) && s,
            _ => false,
        };
    }
}
