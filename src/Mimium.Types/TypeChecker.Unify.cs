using System.Collections.Immutable;
using Mimium.Syntax.Diagnostics;
using Mimium.Syntax.Text;

namespace Mimium.Types;

public sealed partial class TypeChecker
{
    /// <summary>Unifies, reporting "expected … but found …" at <paramref name="span"/> on failure.</summary>
    private bool Unify(MType expected, MType found, Span span, string? context = null)
    {
        if (TryUnify(expected, found, out var why)) return true;
        var prefix = context is null ? "type mismatch" : $"type mismatch in {context}";
        Diags.Error(why == "occurs" ? ErrorCodes.OccursCheck : ErrorCodes.TypeMismatch,
            why == "occurs" ? $"{prefix}: {expected} would contain itself ({found})" : $"{prefix}: expected {expected} but found {found}", span);
        return false;
    }

    private static bool TryUnify(MType a, MType b, out string why)
    {
        why = "";
        a = a.Prune();
        b = b.Prune();
        if (ReferenceEquals(a, b)) return true;
        if (a is TypeVar va) return Bind(va, b, out why);
        if (b is TypeVar vb) return Bind(vb, a, out why);
        switch (a, b)
        {
            case (PrimType pa, PrimType pb):
                return pa.Kind == pb.Kind;
            case (TupleMType ta, TupleMType tb):
                if (ta.Elements.Length != tb.Elements.Length) return false;
                for (var i = 0; i < ta.Elements.Length; i++)
                {
                    if (!TryUnify(ta.Elements[i], tb.Elements[i], out why)) return false;
                }
                return true;
            case (FunctionMType fa, FunctionMType fb):
                if (fa.Parameters.Length != fb.Parameters.Length) return false;
                for (var i = 0; i < fa.Parameters.Length; i++)
                {
                    if (!TryUnify(fa.Parameters[i], fb.Parameters[i], out why)) return false;
                }
                return TryUnify(fa.Result, fb.Result, out why);
            case (CodeMType ca, CodeMType cb):
                return TryUnify(ca.Inner, cb.Inner, out why);
            case (PrimType { Kind: PrimKind.Unit }, TupleMType { Elements.Length: 0 }):
            case (TupleMType { Elements.Length: 0 }, PrimType { Kind: PrimKind.Unit }):
                return true;
            default:
                return false;
        }
    }

    private static bool Bind(TypeVar v, MType t, out string why)
    {
        why = "";
        if (t is TypeVar tv && tv == v) return true;
        if (Occurs(v, t))
        {
            why = "occurs";
            return false;
        }
        AdjustLevels(t, v.Level);
        v.Instance = t;
        return true;
    }

    private static bool Occurs(TypeVar v, MType t)
    {
        t = t.Prune();
        return t switch
        {
            TypeVar tv => tv == v,
            TupleMType tu => tu.Elements.Any(e => Occurs(v, e)),
            FunctionMType f => f.Parameters.Any(p => Occurs(v, p)) || Occurs(v, f.Result),
            CodeMType c => Occurs(v, c.Inner),
            _ => false,
        };
    }

    private static void AdjustLevels(MType t, int level)
    {
        t = t.Prune();
        switch (t)
        {
            case TypeVar tv: if (tv.Level > level) tv.Level = level; break;
            case TupleMType tu: foreach (var e in tu.Elements) AdjustLevels(e, level); break;
            case FunctionMType f:
                foreach (var p in f.Parameters) AdjustLevels(p, level);
                AdjustLevels(f.Result, level);
                break;
            case CodeMType c: AdjustLevels(c.Inner, level); break;
        }
    }

    /// <summary>Quantifies the variables created deeper than the current level.</summary>
    private Scheme Generalize(MType t)
    {
        var vars = new List<TypeVar>();
        Collect(t, vars);
        return new Scheme(vars.ToImmutableArray(), t);

        void Collect(MType x, List<TypeVar> acc)
        {
            x = x.Prune();
            switch (x)
            {
                case TypeVar tv: if (tv.Level > _level && !acc.Contains(tv)) acc.Add(tv); break;
                case TupleMType tu: foreach (var e in tu.Elements) Collect(e, acc); break;
                case FunctionMType f:
                    foreach (var p in f.Parameters) Collect(p, acc);
                    Collect(f.Result, acc);
                    break;
                case CodeMType c: Collect(c.Inner, acc); break;
            }
        }
    }

    private MType Instantiate(Scheme s)
    {
        if (!s.IsPolymorphic) return s.Body;
        var map = s.Quantified.ToDictionary(q => q, _ => (MType)Fresh());
        return Substitute(s.Body, map);
    }

    /// <summary>Replaces type variables per the map; shared with the compiler's monomorphiser.</summary>
    public static MType Substitute(MType t, IReadOnlyDictionary<TypeVar, MType> map)
    {
        t = t.Prune();
        return t switch
        {
            TypeVar tv => map.TryGetValue(tv, out var r) ? r : tv,
            TupleMType tu => new TupleMType(tu.Elements.Select(e => Substitute(e, map)).ToImmutableArray()),
            FunctionMType f => new FunctionMType(f.Parameters.Select(p => Substitute(p, map)).ToImmutableArray(), Substitute(f.Result, map)),
            CodeMType c => new CodeMType(Substitute(c.Inner, map)),
            _ => t,
        };
    }

    /// <summary>
    /// Matches a generic type against a concrete instance, extending <paramref name="map"/> with
    /// what each variable stands for.
    /// </summary>
    public static void Match(MType generic, MType concrete, Dictionary<TypeVar, MType> map)
    {
        generic = generic.Prune();
        concrete = concrete.Prune();
        switch (generic)
        {
            case TypeVar tv:
                map.TryAdd(tv, concrete);
                break;
            case TupleMType ga when concrete is TupleMType ca && ga.Elements.Length == ca.Elements.Length:
                for (var i = 0; i < ga.Elements.Length; i++) Match(ga.Elements[i], ca.Elements[i], map);
                break;
            case FunctionMType gf when concrete is FunctionMType cf && gf.Parameters.Length == cf.Parameters.Length:
                for (var i = 0; i < gf.Parameters.Length; i++) Match(gf.Parameters[i], cf.Parameters[i], map);
                Match(gf.Result, cf.Result, map);
                break;
            case CodeMType gc when concrete is CodeMType cc:
                Match(gc.Inner, cc.Inner, map);
                break;
        }
    }
}
