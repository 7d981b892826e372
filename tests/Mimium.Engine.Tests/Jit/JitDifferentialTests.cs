using Mimium.Runtime.Vm;

namespace Mimium.Engine.Tests.Jit;

/// <summary>
/// The JIT is a second back end over the same bytecode: for every program here, compiled code
/// and the interpreter must produce bit-identical samples and the same faults.
/// </summary>
public class JitDifferentialTests
{
    public static TheoryData<string, string> Programs() => new()
    {
        { "phasor sine", """
            fn phasor(freq){ let p = self + freq / 48000.0
              if (p >= 1.0) { p - 1.0 } else { p } }
            fn dsp(){ sin(phasor(441.0) * 6.283185307179586) }
            """ },
        { "tuples and stereo", """
            fn swap(t: (float, float)){ (t.1, t.0) }
            fn counter(){ self + 1.0 }
            fn dsp(){ let c = counter()
              swap((c, c * 2.0 - 0.5)) }
            """ },
        { "feedback delay with mem", """
            fn counter(){ self + 1.0 }
            fn echo(x){ x + delay(37, self, 11.0) * 0.7 }
            fn dsp(){ let x = if (counter() % 50.0 < 1.0) { 1.0 } else { 0.0 }
              (echo(x), mem(echo(x * 0.5))) }
            """ },
        { "higher-order stateful closures", """
            fn counter(inc: float){ self + inc }
            fn replicate(n: float, gen: () -> (float) -> float){
              if (n > 0.0) { let c = replicate(n - 1.0, gen)
                let g = gen()
                |x| { g(x) * n + c(x) } } else { |x| { 0.0 } } }
            let bank = replicate(4.0, | |counter)
            fn dsp(){ bank(0.25) }
            """ },
        { "shared upvalue cells", """
            fn makepair(){ let x = 0.0
              let inc = | | { x = x + 1.0
                x }
              let get = | | x
              (inc, get) }
            let pair = makepair()
            fn dsp(){ let (inc, get) = pair
              inc() + get() * 10.0 }
            """ },
        { "math builtins and comparisons", """
            fn counter(){ self + 0.37 }
            fn dsp(){ let t = counter()
              min(t, 3.0) + max(t % 2.0, 0.5) + round(t) + floor(t) + ceil(t) + sqrt(t) + log(t + 1.0)
              + tanh(t) + atan2(t, 2.0) + (t > 2.0) + (t <= 1.5) + (t == 0.37) + (t != 0.74) + not(t > 5.0)
              + ((t > 1.0) && (t < 3.0)) + ((t < 1.0) || (t > 4.0)) + abs(0.0 - t) + pow(t, 1.5) + (0.0 - t) }
            """ },
        { "recursion", """
            fn fib(n){ if (n < 2.0) { n } else { fib(n - 1.0) + fib(n - 2.0) } }
            fn counter(){ self + 1.0 }
            fn dsp(){ fib(counter() % 12.0) }
            """ },
        { "macro expansion", """
            fn phasor(freq){ let p = self + freq / 48000.0
              if (p >= 1.0) { p - 1.0 } else { p } }
            #stage(macro)
            fn bank(n){ if (n > 0.0) { `{ phasor(100.0 * $(n |> lift_f)) + bank!(n - 1.0) } } else { `{ 0.0 } } }
            #stage(main)
            fn dsp(){ bank!(5.0) }
            """ },
        { "now and samplerate", "fn dsp(){ now / samplerate }" },
        { "nan and infinities", """
            fn counter(){ self + 1.0 }
            fn dsp(){ let c = counter() - 3.0
              let q = c / (c - c)
              if (q) { 1.0 } else { 2.0 } + min(q, 1.0) + max(q, 2.0) }
            """ },
    };

    private static (double[] Samples, string? Fault) Run(string source, bool jit, int frames)
    {
        var program = Mm.Compile(source);
        var instance = new ProgramInstance(program, new VmOptions { Jit = jit });
        var (rows, fault) = OfflineRenderer.RenderRows(instance, frames);
        return (rows.SelectMany(r => r).ToArray(), fault?.ToString());
    }

    [Theory]
    [MemberData(nameof(Programs))]
    public void CompiledCodeMatchesTheInterpreterBitForBit(string name, string source)
    {
        var interpreted = Run(source, jit: false, 500);
        var compiled = Run(source, jit: true, 500);
        Assert.True(interpreted.Samples.Length > 0, name);
        Assert.Equal(interpreted.Fault, compiled.Fault);
        Assert.Equal(interpreted.Samples.Select(BitConverter.DoubleToInt64Bits), compiled.Samples.Select(BitConverter.DoubleToInt64Bits));
    }

    [Fact]
    public void CompiledCodeFaultsLikeTheInterpreterOnRunawayRecursion()
    {
        const string src = "fn down(n){ down(n + 1.0) + 1.0 }\nfn dsp(){ down(0.0) }";
        var interpreted = Run(src, jit: false, 1);
        var compiled = Run(src, jit: true, 1);
        Assert.NotNull(compiled.Fault);
        Assert.Contains("MM4001", compiled.Fault);
        Assert.Equal(interpreted.Fault, compiled.Fault);
    }
}
