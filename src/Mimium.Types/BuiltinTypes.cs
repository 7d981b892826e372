using System.Collections.Immutable;

namespace Mimium.Types;

/// <summary>The types of mimium's builtin functions, and the stage each may be used in.</summary>
public static class BuiltinTypes
{
    private static readonly MType F = PrimType.Float;

    private static Scheme Fn(int arity) => Scheme.Mono(new FunctionMType(Enumerable.Repeat(F, arity).ToImmutableArray(), F));

    /// <summary>Available in every stage: arithmetic, math, probes.</summary>
    public static readonly ImmutableDictionary<string, Scheme> Common = BuildCommon();

    /// <summary>Only in the macro stage: code construction.</summary>
    public static readonly ImmutableDictionary<string, Scheme> MacroOnly = BuildMacro();

    private static ImmutableDictionary<string, Scheme> BuildCommon()
    {
        var b = ImmutableDictionary.CreateBuilder<string, Scheme>();
        foreach (var n in new[] { "add", "sub", "mult", "div", "modulo", "pow", "gt", "lt", "ge", "le", "eq", "ne", "and", "or", "min", "max", "atan2" })
            b[n] = Fn(2);
        foreach (var n in new[] { "neg", "abs", "sqrt", "round", "floor", "ceil", "not", "sin", "cos", "tan", "sinh", "cosh", "tanh", "asin", "acos", "atan", "log", "probe", "probeln", "mem" })
            b[n] = Fn(1);
        b["delay"] = Fn(3);
        b["tofloat"] = Scheme.Mono(new FunctionMType(ImmutableArray.Create<MType>(PrimType.Int), F));
        return b.ToImmutable();
    }

    private static ImmutableDictionary<string, Scheme> BuildMacro()
    {
        var b = ImmutableDictionary.CreateBuilder<string, Scheme>();
        b["lift_f"] = Scheme.Mono(new FunctionMType(ImmutableArray.Create(F), new CodeMType(F)));
        var a = new TypeVar(int.MaxValue);
        b["lift"] = new Scheme(ImmutableArray.Create(a), new FunctionMType(ImmutableArray.Create<MType>(a), new CodeMType(a)));
        return b.ToImmutable();
    }

    /// <summary>Builtins whose state lives in the caller's layout.</summary>
    public static bool IsStateful(string name) => name is "mem" or "delay";
}
