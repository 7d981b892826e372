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
        if (v == Math.Floor(v) && Math.Abs(v) < 1e17) return v.ToString("0", CultureInfo.InvariantCulture);
        return v.ToString("R", CultureInfo.InvariantCulture);
    }
}
