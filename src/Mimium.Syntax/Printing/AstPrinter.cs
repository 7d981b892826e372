using System.Globalization;
using System.Text;
using Mimium.Syntax.Ast;

namespace Mimium.Syntax.Printing;

/// <summary>
/// Deterministic S-expression dump of the AST for `--emit-ast` and golden tests; one line per
/// statement. Spans are left out so that the output only changes when the tree does.
/// Callees that are plain names print bare: `a + 1` is `(call add (var a) 1)`.
/// </summary>
public static class AstPrinter
{
    public static string Print(Program p)
    {
        var sb = new StringBuilder();
        foreach (var s in p.Statements)
        {
            Write(sb, s);
            sb.Append('\n');
        }
        return sb.ToString();
    }

    public static string Print(Stmt s) => Build(sb => Write(sb, s));

    public static string Print(Expr e) => Build(sb => Write(sb, e));

    public static string Print(TypeExpr t) => Build(sb => Write(sb, t));

    private static string Build(Action<StringBuilder> write)
    {
        var sb = new StringBuilder();
        write(sb);
        return sb.ToString();
    }

    private static void Write(StringBuilder sb, Stmt s)
    {
        switch (s)
        {
            case LetStmt let:
                sb.Append("(let ");
                Write(sb, let.Pattern);
                WriteTypeAnnotation(sb, let.Type);
                sb.Append(' ');
                Write(sb, let.Value);
                sb.Append(')');
                break;
            case LetRecStmt letrec:
                sb.Append("(letrec ").Append(letrec.Name);
                WriteTypeAnnotation(sb, letrec.Type);
                sb.Append(' ');
                Write(sb, letrec.Value);
                sb.Append(')');
                break;
            case FnDecl fn:
                sb.Append("(fn ").Append(fn.Name).Append(' ');
                WriteParams(sb, fn.Params);
                WriteTypeAnnotation(sb, fn.ReturnType);
                sb.Append(' ');
                Write(sb, fn.Body);
                sb.Append(')');
                break;
            case AssignStmt assign:
                sb.Append("(assign ").Append(assign.Target.Name).Append(' ');
                Write(sb, assign.Value);
                sb.Append(')');
                break;
            case ExprStmt expr:
                Write(sb, expr.Expr);
                break;
            case StageStmt stage:
                sb.Append(stage.Stage == 0 ? "(stage macro)" : "(stage main)");
                break;
            case IncludeStmt include:
                sb.Append("(include ");
                WriteString(sb, include.Path);
                sb.Append(')');
                break;
            default:
                sb.Append("(?stmt ").Append(s.GetType().Name).Append(')');
                break;
        }
    }

    private static void Write(StringBuilder sb, Expr e)
    {
        switch (e)
        {
            case NumberLit n:
                sb.Append(n.Value.ToString("R", CultureInfo.InvariantCulture));
                break;
            case StringLit s:
                WriteString(sb, s.Value);
                break;
            case VarRef v:
                sb.Append("(var ").Append(v.Name).Append(')');
                break;
            case SelfExpr:
                sb.Append("self");
                break;
            case NowExpr:
                sb.Append("now");
                break;
            case SampleRateExpr:
                sb.Append("samplerate");
                break;
            case TupleExpr t:
                sb.Append("(tuple");
                WriteAll(sb, t.Elements);
                sb.Append(')');
                break;
            case ProjExpr p:
                sb.Append("(proj ");
                Write(sb, p.Target);
                sb.Append(' ').Append(p.Index.ToString(CultureInfo.InvariantCulture)).Append(')');
                break;
            case FieldExpr f:
                sb.Append("(field ");
                Write(sb, f.Target);
                sb.Append(' ').Append(f.Name).Append(')');
                break;
            case CallExpr c:
                sb.Append(c.IsPipe ? "(pipe " : "(call ");
                if (c.Callee is VarRef callee) sb.Append(callee.Name);
                else Write(sb, c.Callee);
                WriteAll(sb, c.Args);
                sb.Append(')');
                break;
            case LambdaExpr l:
                sb.Append("(lambda ");
                WriteParams(sb, l.Params);
                WriteTypeAnnotation(sb, l.ReturnType);
                sb.Append(' ');
                Write(sb, l.Body);
                sb.Append(')');
                break;
            case IfExpr i:
                sb.Append("(if ");
                Write(sb, i.Condition);
                sb.Append(' ');
                Write(sb, i.Then);
                if (i.Else is not null)
                {
                    sb.Append(' ');
                    Write(sb, i.Else);
                }
                sb.Append(')');
                break;
            case BlockExpr b:
                sb.Append("(block");
                foreach (var s in b.Statements)
                {
                    sb.Append(' ');
                    Write(sb, s);
                }
                sb.Append(')');
                break;
            case QuoteExpr q:
                sb.Append("(quote ");
                Write(sb, q.Body);
                sb.Append(')');
                break;
            case SpliceExpr s:
                sb.Append("(splice ");
                Write(sb, s.Body);
                sb.Append(')');
                break;
            case MacroCallExpr m:
                sb.Append("(macro ").Append(m.Name);
                WriteAll(sb, m.Args);
                sb.Append(')');
                break;
            default:
                sb.Append("(?expr ").Append(e.GetType().Name).Append(')');
                break;
        }
    }

    private static void Write(StringBuilder sb, Pattern p)
    {
        switch (p)
        {
            case VarPattern v:
                sb.Append(v.Name);
                break;
            case WildcardPattern:
                sb.Append('_');
                break;
            case TuplePattern t:
                sb.Append("(tuple");
                foreach (var element in t.Elements)
                {
                    sb.Append(' ');
                    Write(sb, element);
                }
                sb.Append(')');
                break;
            default:
                sb.Append("(?pattern ").Append(p.GetType().Name).Append(')');
                break;
        }
    }

    private static void Write(StringBuilder sb, TypeExpr t)
    {
        switch (t)
        {
            case NamedType n:
                sb.Append(n.Name);
                break;
            case TupleType { Elements.Length: 0 }:
                sb.Append("unit");
                break;
            case TupleType tuple:
                sb.Append("(tuple");
                foreach (var element in tuple.Elements)
                {
                    sb.Append(' ');
                    Write(sb, element);
                }
                sb.Append(')');
                break;
            case FunctionType f:
                sb.Append("(-> (");
                for (var i = 0; i < f.Parameters.Length; i++)
                {
                    if (i > 0) sb.Append(' ');
                    Write(sb, f.Parameters[i]);
                }
                sb.Append(") ");
                Write(sb, f.Result);
                sb.Append(')');
                break;
            case CodeType c:
                sb.Append("(code ");
                Write(sb, c.Inner);
                sb.Append(')');
                break;
            default:
                sb.Append("(?type ").Append(t.GetType().Name).Append(')');
                break;
        }
    }

    private static void WriteAll(StringBuilder sb, IEnumerable<Expr> exprs)
    {
        foreach (var e in exprs)
        {
            sb.Append(' ');
            Write(sb, e);
        }
    }

    /// <summary>`(a (b float))`: a parameter with an annotation is printed as a pair.</summary>
    private static void WriteParams(StringBuilder sb, IReadOnlyList<Param> parameters)
    {
        sb.Append('(');
        for (var i = 0; i < parameters.Count; i++)
        {
            if (i > 0) sb.Append(' ');
            var p = parameters[i];
            if (p.Type is null)
            {
                sb.Append(p.Name);
            }
            else
            {
                sb.Append('(').Append(p.Name).Append(' ');
                Write(sb, p.Type);
                sb.Append(')');
            }
        }
        sb.Append(')');
    }

    private static void WriteTypeAnnotation(StringBuilder sb, TypeExpr? type)
    {
        if (type is null) return;
        sb.Append(" (: ");
        Write(sb, type);
        sb.Append(')');
    }

    /// <summary>Strings are printed C#-style escaped so every statement stays on one line.</summary>
    private static void WriteString(StringBuilder sb, string value)
    {
        sb.Append('"');
        foreach (var ch in value)
        {
            switch (ch)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                default: sb.Append(ch); break;
            }
        }
        sb.Append('"');
    }
}
