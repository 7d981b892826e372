using System.Collections.Immutable;
using Mimium.Syntax.Ast;
using Mimium.Syntax.Diagnostics;
using Mimium.Syntax.Text;

namespace Mimium.Types;

public sealed partial class TypeChecker
{
    private MType CheckExpr(Expr e)
    {
        if (++_depth > MaxDepth || !System.Runtime.CompilerServices.RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            _depth--;
            Diags.Error(ErrorCodes.TooDeep, "expression nesting is too deep", e.Span);
            return Record(e, Fresh());
        }
        try
        {
            return Record(e, CheckExprCore(e));
        }
        finally
        {
            _depth--;
        }
    }

    private MType CheckExprCore(Expr e)
    {
        switch (e)
        {
            case NumberLit: return PrimType.Float;
            case StringLit: return PrimType.String;
            case NowExpr or SampleRateExpr: return PrimType.Float;
            case VarRef v: return CheckVar(v);
            case SelfExpr s:
                if (_selfType is null)
                {
                    Diags.Error(ErrorCodes.SelfOutsideFunction, "self cannot be used in global context.", s.Span);
                    return Fresh();
                }
                return _selfType;
            case TupleExpr t:
                return new TupleMType(t.Elements.Select(CheckExpr).ToImmutableArray());
            case ProjExpr p: return CheckProj(p);
            case FieldExpr f:
                CheckExpr(f.Target);
                Diags.Error(ErrorCodes.Unsupported, $"records are not supported yet (field `{f.Name}`)", f.Span);
                return Fresh();
            case CallExpr c: return CheckCall(c);
            case LambdaExpr l: return CheckFunction(l, l.Params, l.ReturnType, l.Body);
            case IfExpr i: return CheckIf(i);
            case BlockExpr b: return CheckBlock(b);
            case QuoteExpr q: return CheckQuote(q);
            case SpliceExpr sp:
                Diags.Error(ErrorCodes.StageMismatch, "`$` (splice) is only allowed inside a quote or at the top level", sp.Span);
                return Fresh();
            case MacroCallExpr m:
                Diags.Error(ErrorCodes.StageMismatch, $"macro `{m.Name}!` can only be expanded in the main stage", m.Span);
                return Fresh();
            default:
                Diags.Error(ErrorCodes.Unsupported, $"unsupported expression {e.GetType().Name}", e.Span);
                return Fresh();
        }
    }

    private Symbol? LookupVar(VarRef v)
    {
        var sym = _scope.Lookup(v.Name);
        if (sym is null)
        {
            if (_options.OtherStageNames.Contains(v.Name))
            {
                var other = _options.Stage == 1 ? 0 : 1;
                Diags.Error(ErrorCodes.StageMismatch, $"Variable {v.Name} is defined in stage {other} but accessed from stage {_options.Stage}", v.Span);
            }
            else
            {
                Diags.Error(ErrorCodes.UnboundVariable, $"unbound variable `{v.Name}`", v.Span);
            }
            return null;
        }
        _result.References[v] = sym;
        if (sym.Kind == SymbolKind.Local && !ReferenceEquals(sym.Owner, _function)) sym.IsCaptured = true;
        return sym;
    }

    private MType CheckVar(VarRef v)
    {
        var sym = LookupVar(v);
        if (sym is null) return Fresh();
        if (!sym.Scheme.IsPolymorphic) return sym.Type;
        var t = Instantiate(sym.Scheme);
        _result.Instantiations[v] = t;
        return t;
    }

    private MType CheckProj(ProjExpr p)
    {
        var tt = CheckExpr(p.Target).Prune();
        if (tt is TupleMType tu)
        {
            if (p.Index < tu.Elements.Length) return tu.Elements[p.Index];
            Diags.Error(ErrorCodes.TupleIndexOutOfRange, $"tuple index {p.Index} is out of range for {tu}", p.Span);
            return Fresh();
        }
        if (tt is TypeVar)
        {
            Diags.Error(ErrorCodes.ProjectionOfUnknown, $"the type of this value is not known here, so `.{p.Index}` cannot be checked; add a type annotation", p.Target.Span);
            return Fresh();
        }
        Diags.Error(ErrorCodes.TypeMismatch, $"type mismatch: expected a tuple but found {tt}", p.Target.Span);
        return Fresh();
    }

    private MType CheckCall(CallExpr c)
    {
        var ft = CheckExpr(c.Callee);
        var args = c.Args.Select(CheckExpr).ToImmutableArray();
        var result = Fresh();
        var pruned = ft.Prune();
        // `(a, b) |> f` spreads the tuple over f's parameters, which have the same register layout.
        if (c.IsPipe && args.Length == 1 && pruned is FunctionMType { Parameters.Length: > 1 } pf && args[0].Prune() is TupleMType targ
            && targ.Elements.Length == pf.Parameters.Length)
        {
            args = targ.Elements;
        }
        if (pruned is FunctionMType known)
        {
            if (known.Parameters.Length != args.Length)
            {
                Diags.Error(ErrorCodes.ArityMismatch, $"{Describe(c.Callee)} takes {known.Parameters.Length} argument(s) but {args.Length} were given", c.Span);
                return known.Result;
            }
            for (var i = 0; i < args.Length; i++)
            {
                var span = i < c.Args.Length ? c.Args[i].Span : c.Span;
                Unify(known.Parameters[i], args[i], span, $"argument {i + 1} of {Describe(c.Callee)}");
            }
            return known.Result;
        }
        if (pruned is not TypeVar)
        {
            Diags.Error(ErrorCodes.NotAFunction, $"{Describe(c.Callee)} is not a function: it has type {pruned}", c.Callee.Span);
            return result;
        }
        Unify(pruned, new FunctionMType(args, result), c.Span);
        return result;
    }

    private static string Describe(Expr callee) => callee is VarRef v ? $"`{v.Name}`" : "this function";

    /// <summary>Checks a lambda or fn body in a new frame; `self` inside is its return value.</summary>
    private FunctionMType CheckFunction(Node node, ImmutableArray<Param> parameters, TypeExpr? returnType, Expr body)
    {
        var typeVars = new Dictionary<string, TypeVar>();
        var savedFunction = _function;
        var savedSelf = _selfType;
        PushScope();
        _function = node;
        var ps = ImmutableArray.CreateBuilder<MType>();
        foreach (var p in parameters)
        {
            var pt = p.Type is null ? Fresh() : ResolveAnnotation(p.Type, typeVars);
            ps.Add(pt);
            Declare(p.Name, SymbolKind.Local, p, Scheme.Mono(pt));
        }
        var ret = returnType is null ? Fresh() : ResolveAnnotation(returnType, typeVars);
        var ft = new FunctionMType(ps.ToImmutable(), ret);
        _result.FunctionTypes[node] = ft;
        _selfType = ret;
        var bt = CheckExpr(body);
        Unify(ret, bt, BodySpan(body), "return value");
        if (ContainsFunction(ret) && UsesSelf(body))
            Diags.Error(ErrorCodes.SelfFunctionType, "self cannot have a function type (Feed can take only non-function types)", body.Span);
        PopScope();
        _function = savedFunction;
        _selfType = savedSelf;
        return ft;
    }

    private static Span BodySpan(Expr body) => body is BlockExpr { Statements.Length: > 0 } b ? b.Statements[^1].Span : body.Span;

    private static bool ContainsFunction(MType t) => t.Prune() switch
    {
        FunctionMType => true,
        TupleMType tu => tu.Elements.Any(ContainsFunction),
        _ => false,
    };

    private static bool UsesSelf(Expr body) => SelfFinder.Uses(body);

    private MType CheckIf(IfExpr i)
    {
        Unify(PrimType.Float, CheckExpr(i.Condition), i.Condition.Span, "if condition");
        var tt = CheckExpr(i.Then);
        if (i.Else is null) return PrimType.Unit;
        var et = CheckExpr(i.Else);
        Unify(tt, et, BodySpan(i.Else), "else branch");
        return tt;
    }

    private MType CheckBlock(BlockExpr b)
    {
        PushScope();
        MType last = PrimType.Unit;
        foreach (var s in b.Statements)
        {
            CheckStatement(s);
            last = s is ExprStmt es ? _result.ExprTypes[es.Expr] : PrimType.Unit;
        }
        PopScope();
        return last;
    }

    private MType ResolveAnnotation(TypeExpr t, Dictionary<string, TypeVar> vars)
    {
        switch (t)
        {
            case NamedType { Name: "float" }: return PrimType.Float;
            case NamedType { Name: "int" }: return PrimType.Int;
            case NamedType { Name: "string" }: return PrimType.String;
            case NamedType n when n.Name.Length == 1 && char.IsLower(n.Name[0]):
                if (!vars.TryGetValue(n.Name, out var v))
                {
                    v = Fresh();
                    vars[n.Name] = v;
                }
                return v;
            case NamedType n:
                Diags.Error(ErrorCodes.UnknownType, $"unknown type `{n.Name}`", n.Span);
                return Fresh();
            case TupleType { Elements.Length: 0 }: return PrimType.Unit;
            case TupleType tt: return new TupleMType(tt.Elements.Select(e => ResolveAnnotation(e, vars)).ToImmutableArray());
            case FunctionType ft:
                return new FunctionMType(ft.Parameters.Select(p => ResolveAnnotation(p, vars)).ToImmutableArray(), ResolveAnnotation(ft.Result, vars));
            case CodeType ct: return new CodeMType(ResolveAnnotation(ct.Inner, vars));
            default: return Fresh();
        }
    }
}
