using Mimium.Engine.Live;
using Mimium.Runtime.State;

namespace Mimium.Engine.Tests.Live;

public class StateCarryOverTests
{
    private const string Phasor = """
        fn phasor(freq){
            let p = self + freq / 48000.0
            if (p >= 1.0) { p - 1.0 } else { p }
        }
        fn osc(freq){ sin(phasor(freq) * 6.283185307179586) }

        """;

    private static string Sine(double freq) => Phasor + $"fn dsp(){{ osc({freq:0.0}) }}\n";

    [Fact]
    public void ChangingAFrequencyKeepsThePhaseContinuous()
    {
        var h = new SwapHarness(Sine(440));
        h.Run(10);
        h.Post(Sine(880));
        h.Run(2);
        var x = h.Channel(0);
        var swapAt = 10 * SwapHarness.Block;
        var normalStep = 2 * Math.PI * 880 / 48000;
        for (var n = swapAt - 4; n < swapAt + 8; n++)
            Assert.True(Math.Abs(x[n + 1] - x[n]) <= normalStep * 1.001, $"jump of {Math.Abs(x[n + 1] - x[n])} at sample {n}");
        // The phase went on from where 440 Hz left it, rather than restarting at zero.
        var phase = (swapAt * 440.0 / 48000 + 880.0 / 48000) % 1.0;
        Assert.Equal(Math.Sin(phase * 2 * Math.PI), x[swapAt], 3);
        Assert.True(Math.Abs(x[swapAt] - Math.Sin(2 * Math.PI * 880 / 48000)) > 0.1);
    }

    [Fact]
    public void AConstantChangeCopiesTheWholeStateAtOnce()
    {
        var h = new SwapHarness(Sine(440));
        h.Run(3);
        var (before, after, report) = h.SwapNow(Sine(660));
        Assert.True(report.Migration.Identical);
        Assert.Equal(0, report.Migration.AddedNodes);
        Assert.Equal(before, after);
    }

    [Fact]
    public void AFeedbackDelayKeepsItsEchoesWhenItsFeedbackChanges()
    {
        static string Echo(double fb) => $$"""
            fn counter(){ self + 1.0 }
            fn impulse(){ if (counter() == 1.0) { 1.0 } else { 0.0 } }
            fn echo(x){ x + delay(1000, self, 100.0) * {{fb:0.0}} }
            fn dsp(){ echo(impulse()) }
            """;
        var h = new SwapHarness(Echo(0.5));
        h.Run(3); // 192 samples: the impulse and its first echo (at 101)
        h.Post(Echo(0.8));
        h.Run(4);
        var y = h.Channel(0);
        Assert.Equal(1.0, y[0], 6);
        Assert.Equal(0.5, y[101], 6);
        Assert.Equal(0.5 * 0.8, y[202], 6);
        Assert.Equal(0.5 * 0.8 * 0.8, y[303], 6);
    }

    [Fact]
    public void AddingAnOscillatorKeepsTheOthersPhases()
    {
        var h = new SwapHarness(Phasor + "fn dsp(){ osc(100.0) + osc(200.0) }");
        h.Run(5);
        var (before, after, report) = h.SwapNow(Phasor + "fn dsp(){ osc(100.0) + osc(200.0) + osc(300.0) }");
        Assert.Equal(before[0], after[0]);
        Assert.Equal(before[1], after[1]);
        Assert.Equal(0.0, after[2]);
        // osc → phasor → self: three new nodes, none dropped.
        Assert.Equal(3, report.Migration.AddedNodes);
        Assert.Equal(0, report.Migration.DroppedNodes);
    }

    [Fact]
    public void ChangingFilterParametersKeepsTheFilterState()
    {
        static string Src(double g) => Phasor + $"fn onepole(x, g){{ x * (1.0 - g) + self * g }}\nfn dsp(){{ onepole(osc(220.0), {g:0.0#}) }}";
        var h = new SwapHarness(Src(0.9));
        h.Run(4);
        var (before, after, report) = h.SwapNow(Src(0.5));
        Assert.True(report.Migration.Identical);
        Assert.Equal(before, after);
        Assert.NotEqual(0.0, after[0]);
    }

    [Fact]
    public void ShorteningADelayKeepsItsMostRecentHistory()
    {
        static string Src(int max) => $$"""
            fn counter(){ self + 1.0 }
            fn dsp(){ delay({{max}}, counter(), 100.0) }
            """;
        var h = new SwapHarness(Src(1000));
        h.Run(5); // counter reached 320
        h.Post(Src(500));
        h.Run(2);
        var y = h.Channel(0);
        // delay(…, 100) of a counter 1, 2, 3, … outputs n - 99 once filled; it must not restart.
        for (var n = 200; n < 7 * SwapHarness.Block; n++) Assert.Equal(n + 1 - 100, y[n], 6);
    }

    [Fact]
    public void ReorderedCallsKeepTheirStates()
    {
        const string Fns = """
            fn ramp(step){ self + step }
            fn decay(x){ x + self * 0.5 }

            """;
        var h = new SwapHarness(Fns + "fn dsp(){ ramp(1.0) + decay(2.0) }");
        h.Run(2);
        var (before, after, report) = h.SwapNow(Fns + "fn dsp(){ decay(2.0) + ramp(1.0) }");
        // Old layout: ramp @0, decay @1; new: decay @0, ramp @1.
        Assert.Equal(before[0], after[1]);
        Assert.Equal(before[1], after[0]);
        Assert.Equal(0, report.Migration.AddedNodes);
        Assert.Equal(0, report.Migration.DroppedNodes);
    }

    [Fact]
    public void AddingModulationKeepsTheCarrierAndStartsTheModulatorAtZero()
    {
        var h = new SwapHarness(Phasor + "fn dsp(){ osc(440.0) }");
        h.Run(3);
        var (before, after, _) = h.SwapNow(Phasor + "fn dsp(){ osc(440.0) + osc(5.0) * 0.1 }");
        Assert.Equal(before[0], after[0]);
        Assert.Equal(0.0, after[1]);
    }

    [Fact]
    public void AMacroBankGrowingFromThreeToFourKeepsTheExistingOscillators()
    {
        static string Bank(int n) => Phasor + $$"""
            fn sinwave(freq, phase){ sin((phasor(freq) + phase) * 6.283185307179586) }
            #stage(macro)
            fn oscillator_bank(n){
                if (n > 0) { `{ sinwave(440.0 * $(n |> lift_f), 0.0) + oscillator_bank!(n - 1) } } else { `{ 0.0 } }
            }
            #stage(main)
            fn dsp(){ oscillator_bank!({{n}}) }
            """;
        var h = new SwapHarness(Bank(3));
        h.Run(3);
        var (before, after, report) = h.SwapNow(Bank(4));
        // Calls in order: 1320, 880, 440 Hz before; 1760, 1320, 880, 440 Hz after.
        Assert.Equal(0.0, after[0]);
        Assert.Equal(before[0], after[1]);
        Assert.Equal(before[1], after[2]);
        Assert.Equal(before[2], after[3]);
        Assert.Equal(9, report.Migration.KeptNodes);
        Assert.Equal(3, report.Migration.AddedNodes);
    }

    [Fact]
    public void ClosuresBuiltByTheGlobalEvaluationKeepTheirStateWhenTheirNumberGrows()
    {
        static string Src(int n) => $$"""
            fn ramp(step){ self + step }
            fn replicate(n, gen: () -> (float) -> float){
                if (n > 0.0) {
                    let c = replicate(n - 1.0, gen)
                    let g = gen()
                    |x| { g(x) * n + c(x) }
                } else {
                    |x| { 0.0 }
                }
            }
            let bank = replicate({{n}}.0, | |ramp)
            fn dsp(){ bank(1.0) }
            """;
        var h = new SwapHarness(Src(3));
        h.Run(2); // each ramp is at 128
        var before = h.Engine.Current!;
        var prepared = h.Post(Src(4));
        h.Run(1);
        var vm = h.Engine.Current!.Vm;
        var ramps = Enumerable.Range(0, vm.PersistentClosureCount)
            .Select(vm.ClosureInfo)
            .Where(c => h.Engine.Current.Program.Functions[c.Function].Name == "ramp")
            .Select(c => vm.HeapArray[c.StateOffset])
            .ToList();
        Assert.Equal(new double[] { 192, 192, 192, 64 }, ramps);
        Assert.NotSame(before, h.Engine.Current);
        Assert.True(prepared.Report.Migration.KeptNodes >= 3);
    }
}
