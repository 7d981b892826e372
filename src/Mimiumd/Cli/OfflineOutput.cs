using Mimium.Engine;
using Mimium.Runtime.Bytecode;
using Mimium.Runtime.Vm;
using Mimiumd.Audio;

namespace Mimiumd.Cli;

/// <summary>Runs a compiled program for N samples into CSV (mimium-cli's format) or a float WAV.</summary>
public static class OfflineOutput
{
    private const int Block = 4096;

    public static int Write(CompiledProgram program, string? output, string? format, long times, int sampleRate)
    {
        var fmt = (format ?? (output is null ? "csv" : Path.GetExtension(output).TrimStart('.'))).ToLowerInvariant();
        if (fmt is not ("csv" or "wav"))
        {
            Console.Error.WriteLine($"error: unknown output format \"{fmt}\" (use .csv or .wav)");
            return 2;
        }
        var channels = program.OutputChannels;
        var instance = new ProgramInstance(program, new VmOptions { SampleRate = sampleRate });
        if (fmt == "wav")
        {
            if (output is null)
            {
                Console.Error.WriteLine("error: WAV output needs --output FILE");
                return 2;
            }
            if (channels == 0)
            {
                Console.Error.WriteLine("error: the program's dsp returns (), so there is no audio to write");
                return 1;
            }
            using var wav = WavWriter.Create(output, sampleRate, channels);
            var buffer = new float[Block * channels];
            var filled = 0;
            using var progress = Progress.ForTerminal(times, sampleRate);
            var fault = OfflineRenderer.Render(instance, times, frame =>
            {
                for (var c = 0; c < channels; c++) buffer[filled * channels + c] = (float)frame[c];
                if (++filled == Block)
                {
                    wav.WriteFrames(buffer);
                    filled = 0;
                }
            }, progress is null ? null : progress.Report);
            wav.WriteFrames(buffer.AsSpan(0, filled * channels));
            return Finish(fault);
        }

        if (channels == 0)
        {
            // dsp returns (): an empty header and one empty row per sample, as mimium-cli writes.
            using var text = output is null ? Console.Out : new StreamWriter(output);
            text.Write('\n');
            var silentFault = OfflineRenderer.Render(instance, times, _ => text.Write('\n'));
            text.Flush();
            return Finish(silentFault);
        }
        using var csv = output is null ? new CsvAudioWriter(Console.Out, channels, leaveOpen: true) : CsvAudioWriter.Create(output, channels);
        var csvFault = OfflineRenderer.Render(instance, times, frame => csv.WriteFrames(frame));
        csv.Flush();
        return Finish(csvFault);
    }

    private static int Finish(VmFault? fault)
    {
        if (fault is null) return 0;
        Console.Error.WriteLine(fault.ToString());
        return 3;
    }

    /// <summary>A one-line progress bar on stderr, only when it is a terminal and the render is long.</summary>
    private sealed class Progress : IDisposable
    {
        private readonly long _total;
        private int _lastPercent = -1;

        private Progress(long total) => _total = total;

        public static Progress? ForTerminal(long total, int sampleRate) =>
            !Console.IsErrorRedirected && total > sampleRate * 5L ? new Progress(total) : null;

        public void Report(long done)
        {
            var percent = (int)(done * 100 / Math.Max(1, _total));
            if (percent == _lastPercent) return;
            _lastPercent = percent;
            var bar = new string('#', percent / 4).PadRight(25, '.');
            Console.Error.Write($"\rrendering [{bar}] {percent,3}%");
        }

        public void Dispose() => Console.Error.Write("\rrendering [#########################] 100%\n");
    }
}
