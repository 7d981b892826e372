using Mimium.Syntax.Ast;
using Mimium.Syntax.Diagnostics;

namespace Mimium.Types;

/// <summary>What inference learned about a program; side tables keyed by node reference.</summary>
public sealed class TypeCheckResult
{
    public Dictionary<Expr, MType> ExprTypes { get; } = new(ReferenceEqualityComparer.Instance);
    /// <summary>The symbol each variable reference resolved to.</summary>
    public Dictionary<VarRef, Symbol> References { get; } = new(ReferenceEqualityComparer.Instance);
    /// <summary>For references to polymorphic symbols: the instantiated type at that use.</summary>
    public Dictionary<VarRef, MType> Instantiations { get; } = new(ReferenceEqualityComparer.Instance);
    /// <summary>Binding nodes (Param, VarPattern, FnDecl, LetRecStmt) to their symbols.</summary>
    public Dictionary<Node, Symbol> Declarations { get; } = new(ReferenceEqualityComparer.Instance);
    /// <summary>The function type of each LambdaExpr and FnDecl.</summary>
    public Dictionary<Node, FunctionMType> FunctionTypes { get; } = new(ReferenceEqualityComparer.Instance);
    /// <summary>Target symbols of assignments.</summary>
    public Dictionary<AssignStmt, Symbol> Assignments { get; } = new(ReferenceEqualityComparer.Instance);
    /// <summary>Top-level symbols in definition order.</summary>
    public List<Symbol> TopLevel { get; } = new();
    public DiagnosticBag Diagnostics { get; } = new();

    public Symbol? FindTopLevel(string name) => TopLevel.LastOrDefault(s => s.Name == name);
}
