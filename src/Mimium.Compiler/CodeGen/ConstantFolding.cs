using System.Globalization;
using Mimium.Syntax.Ast;

namespace Mimium.Compiler.CodeGen;

/// <summary>Evaluates arguments built only from literals and arithmetic, for state-tree hints.</summary>
internal static class ConstantFolding
{
    public static string Hint(IReadOnlyList<Expr> args)
    {
        var parts = args.Select(a => TryFold(a, out var v) ? v.ToString("R", CultureInfo.InvariantCulture) : "?").ToList();
        return parts.All(p => p == "?") ? "" : string.Join(",", parts);
    }

    public static bool TryFold(Expr e, out double value)
    {
        value = 0;
        switch (e)
        {
            case NumberLit n:
                value = n.Value;
                return true;
            case CallExpr { Callee: VarRef f, Args.Length: 2 } c when TryFold(c.Args[0], out var a) && TryFold(c.Args[1], out var b):
                double? r = f.Name switch
                {
                    "add" => a + b,
                    "sub" => a - b,
                    "mult" => a * b,
                    "div" => a / b,
                    _ => null,
                };
                if (r is null) return false;
                value = r.Value;
                return true;
            default:
                return false;
        }
    }
}
