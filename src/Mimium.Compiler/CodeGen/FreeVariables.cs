using Mimium.Syntax.Ast;
using Mimium.Types;

namespace Mimium.Compiler.CodeGen;

/// <summary>
/// The outer locals a lambda (or any function nested in it) refers to, in order of first use:
/// these become the lambda's upvalues.
/// </summary>
internal static class FreeVariables
{
    public static IReadOnlyList<Symbol> Of(LambdaExpr lambda, TypeCheckResult types)
    {
        var inner = new HashSet<Node>(ReferenceEqualityComparer.Instance);
        var found = new List<Symbol>();
        Visit(lambda);
        return found;

        void Use(Symbol? s)
        {
            if (s is { Kind: SymbolKind.Local } && (s.Owner is null || !inner.Contains(s.Owner)) && !found.Contains(s)) found.Add(s);
        }

        void Visit(Expr e)
        {
            switch (e)
            {
                case VarRef v: Use(types.References.GetValueOrDefault(v)); break;
                case LambdaExpr l:
                    inner.Add(l);
                    Visit(l.Body);
                    break;
                case TupleExpr t: foreach (var x in t.Elements) Visit(x); break;
                case ProjExpr p: Visit(p.Target); break;
                case FieldExpr f: Visit(f.Target); break;
                case CallExpr c:
                    Visit(c.Callee);
                    foreach (var a in c.Args) Visit(a);
                    break;
                case IfExpr i:
                    Visit(i.Condition);
                    Visit(i.Then);
                    if (i.Else is not null) Visit(i.Else);
                    break;
                case BlockExpr b:
                    foreach (var s in b.Statements) VisitStmt(s);
                    break;
                case QuoteExpr q:
                    foreach (var h in QuoteHoles.Find(q.Body)) Visit(h.Body);
                    break;
            }
        }

        void VisitStmt(Stmt s)
        {
            switch (s)
            {
                case LetStmt l: Visit(l.Value); break;
                case LetRecStmt l: Visit(l.Value); break;
                case AssignStmt a:
                    Use(types.Assignments.GetValueOrDefault(a));
                    Visit(a.Value);
                    break;
                case ExprStmt x: Visit(x.Expr); break;
            }
        }
    }
}

/// <summary>The splices directly inside a quote body, in evaluation order.</summary>
internal static class QuoteHoles
{
    public static IEnumerable<SpliceExpr> Find(Expr body)
    {
        var acc = new List<SpliceExpr>();
        Visit(body);
        return acc;

        void Visit(Expr e)
        {
            switch (e)
            {
                case SpliceExpr s: acc.Add(s); break;
                case QuoteExpr: break;
                case TupleExpr t: foreach (var x in t.Elements) Visit(x); break;
                case ProjExpr p: Visit(p.Target); break;
                case FieldExpr f: Visit(f.Target); break;
                case CallExpr c:
                    Visit(c.Callee);
                    foreach (var a in c.Args) Visit(a);
                    break;
                case MacroCallExpr m: foreach (var a in m.Args) Visit(a); break;
                case LambdaExpr l: Visit(l.Body); break;
                case IfExpr i:
                    Visit(i.Condition);
                    Visit(i.Then);
                    if (i.Else is not null) Visit(i.Else);
                    break;
                case BlockExpr b:
                    foreach (var s in b.Statements)
                    {
                        switch (s)
                        {
                            case LetStmt l: Visit(l.Value); break;
                            case LetRecStmt l: Visit(l.Value); break;
                            case FnDecl f: Visit(f.Body); break;
                            case AssignStmt a: Visit(a.Value); break;
                            case ExprStmt x: Visit(x.Expr); break;
                        }
                    }
                    break;
            }
        }
    }
}
