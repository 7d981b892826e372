using System.Globalization;

namespace Mimium.Runtime.Vm;

/// <summary>External functions every host has: probes that print like mimium does.</summary>
public static class Builtins
{
    public static ExternalFunction? Find(string name) => name switch
    {
        "probe" => (vm, f) => { vm.Output.Write(FormatDisplay(f[0])); return true; },
        "probeln" => (vm, f) => { vm.Output.WriteLine(FormatDisplay(f[0])); return true; },
        _ => null,
    };

    /// <summary>Rust's `{}` for f64: integral values print without a fractional part.</summary>
    public static string FormatDisplay(double v)
    {
        if (double.IsNaN(v)) return "NaN";
        if (double.IsPositiveInfinity(v)) return "inf";
        if (double.IsNegativeInfinity(v)) return "-inf";
        return Positional(v.ToString("R", CultureInfo.InvariantCulture));
    }

    /// <summary>Rewrites .NET's shortest round-trip form ("1E-07", "1.5E+20") positionally.</summary>
    private static string Positional(string r)
    {
        var e = r.IndexOf('E');
        if (e < 0) return r;
        var exponent = int.Parse(r[(e + 1)..], CultureInfo.InvariantCulture);
        var mantissa = r[..e];
        var negative = mantissa.StartsWith('-');
        if (negative) mantissa = mantissa[1..];
        var dot = mantissa.IndexOf('.');
        var digits = dot < 0 ? mantissa : mantissa.Remove(dot, 1);
        var pointAt = (dot < 0 ? mantissa.Length : dot) + exponent;
        string body;
        if (pointAt <= 0) body = "0." + new string('0', -pointAt) + digits;
        else if (pointAt >= digits.Length) body = digits + new string('0', pointAt - digits.Length);
        else body = digits[..pointAt] + "." + digits[pointAt..];
        return negative ? "-" + body : body;
    }
}
