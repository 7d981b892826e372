using System.Globalization;
using System.Text;

namespace Mimiumd.Bench;

/// <summary>The standard programs the README's performance table is measured on.</summary>
public static class BenchPrograms
{
    private static string F(double v) => v.ToString("0.0###", CultureInfo.InvariantCulture);

    private static string Sum(int n, Func<int, string> term)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < n; i++)
        {
            if (i > 0) sb.Append("\n    + ");
            sb.Append(term(i));
        }
        return sb.ToString();
    }

    public const string Phasor = """
        fn phasor(freq){
            let p = self + freq / 48000.0
            if (p >= 1.0) { p - 1.0 } else { p }
        }
        """;

    /// <summary>64 sine oscillators, each a phasor fed back through self.</summary>
    public static string SineBank() => Phasor + $$"""

        fn osc(freq){ sin(phasor(freq) * 6.283185307179586) }
        fn dsp(){
            ({{Sum(64, i => $"osc({F(110.0 + 13.0 * i)})")}}) * 0.015
        }
        """;

    /// <summary>White-ish input through 32 one-pole low-passes in series.</summary>
    public static string OnePoleChain()
    {
        var body = new StringBuilder("let x0 = phasor(110.0) * 2.0 - 1.0\n");
        for (var i = 1; i <= 32; i++) body.Append($"    let x{i} = onepole(x{i - 1}, 0.9)\n");
        return Phasor + $$"""

            fn onepole(x, g){ x * (1.0 - g) + self * g }
            fn dsp(){
                {{body}}    x32
            }
            """;
    }

    /// <summary>8 parallel feedback delays of different lengths on one input.</summary>
    public static string FeedbackDelays() => Phasor + $$"""

        fn fbdelay(x, time, fb){ x + delay(48000, self, time) * fb }
        fn dsp(){
            let x = phasor(220.0) * 2.0 - 1.0
            ({{Sum(8, i => $"fbdelay(x, {F(1000.0 + 977.0 * i)}, 0.5)")}}) * 0.1
        }
        """;

    /// <summary>16 two-operator FM voices: a modulator phasor driving a carrier's phase.</summary>
    public static string FmVoices() => Phasor + $$"""

        fn fm(fc, ratio, index){
            let m = sin(phasor(fc * ratio) * 6.283185307179586) * index
            sin(phasor(fc) * 6.283185307179586 + m)
        }
        fn dsp(){
            ({{Sum(16, i => $"fm({F(100.0 + 37.0 * i)}, 1.5, 2.0)")}}) * 0.06
        }
        """;

    /// <summary>16 cascaded direct-form-I biquads (state kept with mem).</summary>
    public static string Biquads()
    {
        var body = new StringBuilder("let x0 = phasor(110.0) * 2.0 - 1.0\n");
        for (var i = 1; i <= 16; i++) body.Append($"    let x{i} = biquad(x{i - 1}, 0.2, 0.4, 0.2, -0.5, 0.25)\n");
        return Phasor + $$"""

            fn biquad(x, b0, b1, b2, a1, a2){
                let x1 = mem(x)
                let x2 = mem(x1)
                let y1 = self
                let y2 = mem(y1)
                b0 * x + b1 * x1 + b2 * x2 - a1 * y1 - a2 * y2
            }
            fn dsp(){
                {{body}}    x16
            }
            """;
    }

    public static IReadOnlyList<(string Name, string Source, double CppRealtime)> All() => new[]
    {
        ("sine bank (64 osc)", SineBank(), 37.0),
        ("one-pole chain (32)", OnePoleChain(), 1300.0),
        ("feedback delays (8)", FeedbackDelays(), 6700.0),
        ("FM voices (16)", FmVoices(), 72.0),
        ("biquads (16)", Biquads(), 1160.0),
    };
}
