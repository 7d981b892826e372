using System.Collections.Immutable;
using Mimium.Syntax.Ast;
using Mimium.Types;

namespace Mimium.Compiler.Macros;

/// <summary>
/// A macro implemented by the host, called as `Name!(args)`. Its arguments are macro-stage
/// values; it returns the main-stage code to insert, or null with an error message. Type
/// variables in the signature make it polymorphic; the call then sees the concrete types.
/// </summary>
public sealed record HostMacro(string Name, ImmutableArray<MType> Parameters, MType Result, Func<HostMacroCall, Expr?> Expand)
{
    public Scheme Scheme
    {
        get
        {
            var type = new FunctionMType(Parameters, new CodeMType(Result));
            var vars = new List<TypeVar>();
            Collect(type);
            return new Scheme(vars.ToImmutableArray(), type);

            void Collect(MType t)
            {
                switch (t.Prune())
                {
                    case TypeVar v: if (!vars.Contains(v)) vars.Add(v); break;
                    case TupleMType tu: foreach (var e in tu.Elements) Collect(e); break;
                    case FunctionMType f:
                        foreach (var p in f.Parameters) Collect(p);
                        Collect(f.Result);
                        break;
                    case CodeMType c: Collect(c.Inner); break;
                }
            }
        }
    }
}

/// <summary>The evaluated arguments of one host macro call.</summary>
public sealed class HostMacroCall(ImmutableArray<double> words, ImmutableArray<string> strings, ImmutableArray<MType> parameters)
{
    public ImmutableArray<MType> Parameters { get; } = parameters;
    public string? Error { get; set; }

    /// <summary>The words of argument i (a number is one word, a tuple several).</summary>
    public ReadOnlySpan<double> Words(int i)
    {
        var off = 0;
        for (var k = 0; k < i; k++) off += CodeGen.TypeLayout.Width(Parameters[k]);
        return words.AsSpan(off, CodeGen.TypeLayout.Width(Parameters[i]));
    }

    public double Number(int i) => Words(i)[0];
    public string String(int i)
    {
        var idx = (int)Words(i)[0];
        return idx >= 0 && idx < strings.Length ? strings[idx] : "";
    }
}
