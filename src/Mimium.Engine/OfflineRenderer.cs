using Mimium.Runtime.Vm;

namespace Mimium.Engine;

/// <summary>Renders a program offline, frame by frame, with `now` counting from 0.</summary>
public static class OfflineRenderer
{
    /// <summary>
    /// Calls dsp <paramref name="times"/> times and hands each frame's output words to
    /// <paramref name="onFrame"/>. Returns the fault that stopped it, if any.
    /// </summary>
    public static VmFault? Render(ProgramInstance instance, long times, Action<ReadOnlySpan<double>> onFrame, Action<long>? progress = null)
    {
        if (!instance.Initialized && !instance.Initialize()) return instance.Fault;
        var input = new double[Math.Max(1, instance.InputChannels)];
        var output = new double[Math.Max(1, instance.OutputChannels)];
        for (long i = 0; i < times; i++)
        {
            if (!instance.Tick(input, output)) return instance.Fault;
            onFrame(output.AsSpan(0, instance.OutputChannels));
            if (progress is not null && (i & 0x3fff) == 0) progress(i);
        }
        return null;
    }

    /// <summary>Convenience for tests and tools: every frame's outputs as rows.</summary>
    public static (List<double[]> Rows, VmFault? Fault) RenderRows(ProgramInstance instance, long times)
    {
        var rows = new List<double[]>();
        var fault = Render(instance, times, frame => rows.Add(frame.ToArray()));
        return (rows, fault);
    }
}
