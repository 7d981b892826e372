using System.Globalization;
using Mimium.Engine;
using Mimium.Runtime.Bytecode;

namespace Mimiumd.Cli;

/// <summary>Runs a compiled program for N samples into CSV or WAV.</summary>
public static class OfflineOutput
{
    public static int Write(CompiledProgram program, string? output, string? format, long times, int sampleRate)
    {
        var fmt = (format ?? Path.GetExtension(output ?? ".csv").TrimStart('.')).ToLowerInvariant();
        var instance = new ProgramInstance(program, new Mimium.Runtime.Vm.VmOptions { SampleRate = sampleRate });
        var channels = program.OutputChannels;
        var rows = new List<double[]>();
        var fault = OfflineRenderer.Render(instance, times, f => rows.Add(f.ToArray()));
        if (fault is not null)
        {
            Console.Error.WriteLine(fault.ToString());
            return 3;
        }
        using var writer = output is null ? Console.Out : new StreamWriter(output);
        writer.Write(string.Join(",", Enumerable.Range(0, channels).Select(c => $"ch{c}")) + "\n");
        foreach (var r in rows) writer.Write(string.Join(",", r.Select(v => v.ToString("R", CultureInfo.InvariantCulture))) + "\n");
        return 0;
    }
}
