using Mimium.Runtime.Bytecode;
using Mimium.Runtime.Vm;

namespace Mimium.Engine;

/// <summary>
/// A compiled program running on its own VM: global evaluation once, then one dsp call per frame.
/// Rendering is allocation-free, so an audio thread may call it.
/// </summary>
public sealed class ProgramInstance
{
    private readonly double[] _in;
    private readonly double[] _out;

    public ProgramInstance(CompiledProgram program, VmOptions? options = null, IReadOnlyDictionary<string, ExternalFunction>? externals = null)
    {
        Program = program;
        Vm = new VirtualMachine(program, options, externals);
        _in = new double[Math.Max(1, program.InputChannels)];
        _out = new double[Math.Max(1, program.OutputChannels)];
    }

    public CompiledProgram Program { get; }
    public VirtualMachine Vm { get; }
    public int InputChannels => Program.InputChannels;
    public int OutputChannels => Program.OutputChannels;
    public VmFault? Fault => Vm.Fault;
    public bool Initialized { get; private set; }

    /// <summary>Evaluates the global statements; false (with Fault set) when they fail.</summary>
    public bool Initialize()
    {
        Vm.Now = 0;
        Initialized = Vm.RunGlobalInit();
        return Initialized;
    }

    /// <summary>Runs dsp once for the current sample and advances `now`.</summary>
    public bool Tick(ReadOnlySpan<double> input, Span<double> output)
    {
        var ok = Vm.RunDsp(input, output);
        Vm.Now++;
        return ok;
    }

    /// <summary>
    /// Renders <paramref name="frames"/> frames of interleaved float audio with
    /// <paramref name="channels"/> channels; missing program channels are silent. On a fault
    /// the rest of the block is silent and false is returned.
    /// </summary>
    public bool Render(ReadOnlySpan<float> input, int inputChannels, Span<float> output, int channels, int frames)
    {
        var inCh = Math.Min(inputChannels, Program.InputChannels);
        var outCh = Math.Min(channels, Program.OutputChannels);
        for (var f = 0; f < frames; f++)
        {
            for (var c = 0; c < inCh; c++) _in[c] = input[f * inputChannels + c];
            if (!Tick(_in, _out))
            {
                output[(f * channels)..(frames * channels)].Clear();
                return false;
            }
            var row = output.Slice(f * channels, channels);
            for (var c = 0; c < outCh; c++) row[c] = (float)_out[c];
            for (var c = outCh; c < channels; c++) row[c] = 0;
        }
        return true;
    }
}
