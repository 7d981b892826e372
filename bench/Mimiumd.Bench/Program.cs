using System.Diagnostics;
using System.Globalization;
using Mimium.Compiler;
using Mimium.Engine;
using Mimiumd.Bench;

// A timed offline render of each standard program: samples per second, ns per sample and the
// factor of real time at 48 kHz, next to the C++ -O3 reference figure measured on this machine.
if (args.Length > 0 && args[0] == "param-flood")
{
    return await ParamFlood.RunAsync(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10000,
        args.Length > 2 ? double.Parse(args[2], CultureInfo.InvariantCulture) : 10);
}
var seconds = args.Length > 0 ? double.Parse(args[0], CultureInfo.InvariantCulture) : 5.0;
var only = args.Length > 1 ? args[1] : null;
const int SampleRate = 48000;
const int Block = 256;
Console.WriteLine($"rendering {seconds:0.#} s of audio per program at {SampleRate} Hz, block {Block}");
Console.WriteLine($"{"program",-22} {"samples/s",12} {"ns/sample",10} {"x realtime",11} {"C++ x rt",9} {"vs C++",7}");
foreach (var (name, source, cpp) in BenchPrograms.All())
{
    if (only is not null && !name.Contains(only, StringComparison.OrdinalIgnoreCase)) continue;
    var result = Compilation.CompileSource(name + ".mmm", source);
    if (!result.Success)
    {
        foreach (var d in result.Diagnostics) Console.Error.WriteLine(d.Format());
        return 1;
    }
    var instance = new ProgramInstance(result.Program!);
    instance.Initialize();
    var channels = Math.Max(1, instance.OutputChannels);
    var buffer = new float[Block * channels];
    // Warm up the JIT (tiered compilation, PGO) before timing.
    for (var i = 0; i < SampleRate / Block; i++) instance.Render(ReadOnlySpan<float>.Empty, 0, buffer, channels, Block);
    var blocks = (long)(seconds * SampleRate / Block);
    var sw = Stopwatch.StartNew();
    for (long b = 0; b < blocks; b++)
    {
        if (!instance.Render(ReadOnlySpan<float>.Empty, 0, buffer, channels, Block))
        {
            Console.Error.WriteLine(instance.Fault);
            return 1;
        }
    }
    sw.Stop();
    var samples = blocks * Block;
    var perSecond = samples / sw.Elapsed.TotalSeconds;
    var ns = sw.Elapsed.TotalMilliseconds * 1e6 / samples;
    var realtime = perSecond / SampleRate;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{name,-22} {perSecond,12:0} {ns,10:0.0} {realtime,11:0.0} {cpp,9:0} {cpp / realtime,6:0.0}x"));
}

// Live-coding swap latency: compile + global evaluation + trial block + state diff for a typical
// program (the FM voices), warm, against the same program playing.
if (only is null || only.Contains("swap", StringComparison.OrdinalIgnoreCase))
{
    var engine = new Mimium.Engine.Live.LiveEngine(new Mimium.Engine.Live.LiveEngineOptions { ApplyWait = TimeSpan.Zero });
    var fm = BenchPrograms.FmVoices();
    engine.Submit("fm.mmm", fm);
    var samples = new List<double>();
    for (var i = 0; i < 30; i++)
    {
        var edited = fm.Replace("2.0)", $"{2.0 + i * 0.01:0.00})");
        var sw = Stopwatch.StartNew();
        var prepared = engine.Prepare("fm.mmm", edited);
        sw.Stop();
        engine.Post(prepared);
        engine.Render(new float[64], 1, 64);
        if (i >= 10) samples.Add(sw.Elapsed.TotalMilliseconds);
    }
    samples.Sort();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"swap latency (FM voices: compile + init + trial + diff, warm): median {samples[samples.Count / 2]:0.00} ms, max {samples[^1]:0.00} ms"));
}
return 0;
