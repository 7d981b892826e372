using System.Collections.Immutable;
using Mimium.Types;

namespace Mimium.Compiler.CodeGen;

/// <summary>How values of a type occupy 64-bit words: tuples are flattened, unit takes none.</summary>
public static class TypeLayout
{
    public static int Width(MType t) => t.Prune() switch
    {
        PrimType { Kind: PrimKind.Unit } => 0,
        PrimType => 1,
        TupleMType tu => tu.Elements.Sum(Width),
        FunctionMType or CodeMType => 1,
        _ => 1,
    };

    /// <summary>Word offset of tuple element <paramref name="index"/>.</summary>
    public static int Offset(TupleMType t, int index) => t.Elements.Take(index).Sum(Width);

    /// <summary>Applies an instance's substitution and grounds leftover variables to float.</summary>
    public static MType Ground(MType t, IReadOnlyDictionary<TypeVar, MType> subst)
    {
        t = t.Prune();
        return t switch
        {
            TypeVar tv => subst.TryGetValue(tv, out var s) ? Ground(s, subst) : PrimType.Float,
            TupleMType tu => new TupleMType(tu.Elements.Select(e => Ground(e, subst)).ToImmutableArray()),
            FunctionMType f => new FunctionMType(f.Parameters.Select(p => Ground(p, subst)).ToImmutableArray(), Ground(f.Result, subst)),
            CodeMType c => new CodeMType(Ground(c.Inner, subst)),
            _ => t,
        };
    }
}
