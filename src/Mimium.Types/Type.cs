using System.Collections.Immutable;
using System.Text;

namespace Mimium.Types;

/// <summary>A mimium type. Type variables are mutable cells bound during unification.</summary>
public abstract class MType
{
    /// <summary>Follows bound type variables to the representative.</summary>
    public MType Prune()
    {
        var t = this;
        while (t is TypeVar { Instance: { } inst }) t = inst;
        return t;
    }

    public override string ToString() => TypePrinter.Print(this);
}

public enum PrimKind { Float, Int, String, Unit }

public sealed class PrimType : MType
{
    private PrimType(PrimKind kind) => Kind = kind;
    public PrimKind Kind { get; }
    public static readonly PrimType Float = new(PrimKind.Float);
    public static readonly PrimType Int = new(PrimKind.Int);
    public static readonly PrimType String = new(PrimKind.String);
    public static readonly PrimType Unit = new(PrimKind.Unit);
}

public sealed class TupleMType(ImmutableArray<MType> elements) : MType
{
    public ImmutableArray<MType> Elements { get; } = elements;
}

public sealed class FunctionMType(ImmutableArray<MType> parameters, MType result) : MType
{
    public ImmutableArray<MType> Parameters { get; } = parameters;
    public MType Result { get; } = result;
}

public sealed class CodeMType(MType inner) : MType
{
    public MType Inner { get; } = inner;
}

public sealed class TypeVar : MType
{
    private static int _next;
    public TypeVar(int level) { Level = level; Id = Interlocked.Increment(ref _next); }
    public int Id { get; }
    public int Level { get; set; }
    public MType? Instance { get; set; }
}

/// <summary>∀ vars. body — the type of a let-polymorphic binding.</summary>
public sealed record Scheme(ImmutableArray<TypeVar> Quantified, MType Body)
{
    public static Scheme Mono(MType t) => new(ImmutableArray<TypeVar>.Empty, t);
    public bool IsPolymorphic => !Quantified.IsEmpty;
}

public static class TypePrinter
{
    public static string Print(MType t)
    {
        var names = new Dictionary<TypeVar, string>();
        var sb = new StringBuilder();
        Write(t, sb, names);
        return sb.ToString();
    }

    private static void Write(MType t, StringBuilder sb, Dictionary<TypeVar, string> names)
    {
        t = t.Prune();
        switch (t)
        {
            case PrimType p:
                sb.Append(p.Kind switch { PrimKind.Float => "float", PrimKind.Int => "int", PrimKind.String => "string", _ => "()" });
                break;
            case TupleMType tu:
                sb.Append('(');
                for (var i = 0; i < tu.Elements.Length; i++)
                {
                    if (i > 0) sb.Append(", ");
                    Write(tu.Elements[i], sb, names);
                }
                sb.Append(')');
                break;
            case FunctionMType f:
                sb.Append('(');
                for (var i = 0; i < f.Parameters.Length; i++)
                {
                    if (i > 0) sb.Append(", ");
                    Write(f.Parameters[i], sb, names);
                }
                sb.Append(") -> ");
                Write(f.Result, sb, names);
                break;
            case CodeMType c:
                sb.Append('`');
                Write(c.Inner, sb, names);
                break;
            case TypeVar v:
                if (!names.TryGetValue(v, out var n))
                {
                    n = "'" + (char)('a' + names.Count % 26) + (names.Count >= 26 ? (names.Count / 26).ToString() : "");
                    names[v] = n;
                }
                sb.Append(n);
                break;
        }
    }
}
