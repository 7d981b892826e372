using System.Collections.Immutable;
using Mimium.Syntax.Text;

namespace Mimium.Syntax.Ast;

// The AST is immutable. Nodes are compared by reference wherever phases keep side tables
// (use ReferenceEqualityComparer), because macro expansion may produce structurally equal trees
// at different places with different types and states.

public abstract record Node(Span Span);

// ---- type annotations -------------------------------------------------------------------

public abstract record TypeExpr(Span Span) : Node(Span);

/// <summary>`float`, `int`, `string`, or a type variable (a single lowercase letter).</summary>
public sealed record NamedType(string Name, Span Span) : TypeExpr(Span);

/// <summary>`(T, U)`; zero elements is unit `()`.</summary>
public sealed record TupleType(ImmutableArray<TypeExpr> Elements, Span Span) : TypeExpr(Span);

/// <summary>`(T, U) -> R`.</summary>
public sealed record FunctionType(ImmutableArray<TypeExpr> Parameters, TypeExpr Result, Span Span) : TypeExpr(Span);

/// <summary>`` `T `` — code of type T (multi-stage).</summary>
public sealed record CodeType(TypeExpr Inner, Span Span) : TypeExpr(Span);

// ---- patterns ---------------------------------------------------------------------------

public abstract record Pattern(Span Span) : Node(Span);

public sealed record VarPattern(string Name, Span Span) : Pattern(Span);

public sealed record WildcardPattern(Span Span) : Pattern(Span);

public sealed record TuplePattern(ImmutableArray<Pattern> Elements, Span Span) : Pattern(Span);

public sealed record Param(string Name, TypeExpr? Type, Span Span) : Node(Span);

// ---- expressions ------------------------------------------------------------------------

public abstract record Expr(Span Span) : Node(Span);

public sealed record NumberLit(double Value, Span Span) : Expr(Span);

public sealed record StringLit(string Value, Span Span) : Expr(Span);

public sealed record VarRef(string Name, Span Span) : Expr(Span);

public sealed record SelfExpr(Span Span) : Expr(Span);

public sealed record NowExpr(Span Span) : Expr(Span);

public sealed record SampleRateExpr(Span Span) : Expr(Span);

public sealed record TupleExpr(ImmutableArray<Expr> Elements, Span Span) : Expr(Span);

/// <summary>`t.0` — tuple projection.</summary>
public sealed record ProjExpr(Expr Target, int Index, Span Span) : Expr(Span);

/// <summary>`r.name` — record field access (records are not supported yet; kept for diagnostics).</summary>
public sealed record FieldExpr(Expr Target, string Name, Span Span) : Expr(Span);

/// <summary>
/// Application. Infix operators are parsed into calls of their builtin (`a + b` is `add(a, b)`).
/// <paramref name="IsPipe"/> marks `a |> f`, where a tuple argument is spread over an N-ary callee.
/// </summary>
public sealed record CallExpr(Expr Callee, ImmutableArray<Expr> Args, Span Span, bool IsPipe = false) : Expr(Span);

public sealed record LambdaExpr(ImmutableArray<Param> Params, TypeExpr? ReturnType, Expr Body, Span Span) : Expr(Span);

/// <summary>`if c t else e`; without `else` the value is unit.</summary>
public sealed record IfExpr(Expr Condition, Expr Then, Expr? Else, Span Span) : Expr(Span);

/// <summary>`{ s1; s2; e }` — the value is the last statement when it is an expression, else unit.</summary>
public sealed record BlockExpr(ImmutableArray<Stmt> Statements, Span Span) : Expr(Span);

/// <summary>`` `e `` — code of e, one stage up.</summary>
public sealed record QuoteExpr(Expr Body, Span Span) : Expr(Span);

/// <summary>`$e` — evaluates e one stage down and inserts the code it yields.</summary>
public sealed record SpliceExpr(Expr Body, Span Span) : Expr(Span);

/// <summary>`name!(args)` — shorthand for `$(name(args))`; host macros use the same form.</summary>
public sealed record MacroCallExpr(string Name, ImmutableArray<Expr> Args, Span Span) : Expr(Span);

// ---- statements -------------------------------------------------------------------------

public abstract record Stmt(Span Span) : Node(Span);

public sealed record LetStmt(Pattern Pattern, TypeExpr? Type, Expr Value, Span Span) : Stmt(Span);

public sealed record LetRecStmt(string Name, TypeExpr? Type, Expr Value, Span Span) : Stmt(Span);

/// <summary>Top-level `fn name(params) -> R { body }`.</summary>
public sealed record FnDecl(string Name, ImmutableArray<Param> Params, TypeExpr? ReturnType, Expr Body, Span Span, Span NameSpan) : Stmt(Span);

/// <summary>`x = e`; the target is a variable.</summary>
public sealed record AssignStmt(VarRef Target, Expr Value, Span Span) : Stmt(Span);

public sealed record ExprStmt(Expr Expr, Span Span) : Stmt(Span);

/// <summary>`#stage(macro)` (0) or `#stage(main)` (1): the stage of the top-level statements that follow.</summary>
public sealed record StageStmt(int Stage, Span Span) : Stmt(Span);

/// <summary>The whole program after includes were spliced in.</summary>
public sealed record Program(ImmutableArray<Stmt> Statements, ImmutableArray<SourceFile> Files);

/// <summary>`include("path")` as parsed; the loader replaces it by the statements of that file.</summary>
public sealed record IncludeStmt(string Path, Span Span) : Stmt(Span);
