using Mimium.Syntax.Ast;

namespace Mimium.Types;

public enum SymbolKind
{
    /// <summary>A builtin operation or function (add, sin, delay, …).</summary>
    Builtin,
    /// <summary>A top-level `fn`: called directly, its state laid out in the caller's.</summary>
    Function,
    /// <summary>A top-level `let`: a global word range evaluated once.</summary>
    Global,
    /// <summary>A parameter or local binding of some function.</summary>
    Local,
}

/// <summary>A named binding found by resolution; the compiler keys registers and globals by it.</summary>
public sealed class Symbol(string name, SymbolKind kind, Node? declaration, Scheme scheme, Node? owner, int stage)
{
    public string Name { get; } = name;
    public SymbolKind Kind { get; } = kind;
    public Node? Declaration { get; } = declaration;
    public Scheme Scheme { get; set; } = scheme;
    /// <summary>The lambda or fn whose frame holds this local (null for globals and builtins).</summary>
    public Node? Owner { get; } = owner;
    public int Stage { get; } = stage;
    public bool IsAssigned { get; set; }
    /// <summary>Referenced from a function nested inside its owner, so it lives in an upvalue cell.</summary>
    public bool IsCaptured { get; set; }

    public MType Type => Scheme.Body;
    public override string ToString() => $"{Kind} {Name}";
}
