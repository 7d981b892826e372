using System.Diagnostics;

namespace Mimiumd.Audio;

/// <summary>Render time as a fraction of the period's duration: 1.0 means the renderer used the whole
/// period and the next one will be late. Written by the audio thread only; read from anywhere.</summary>
internal sealed class CpuLoadMeter
{
    private static readonly TimeSpan AveragingTime = TimeSpan.FromSeconds(1);

    private double _periodTicks = 1;
    private double _alpha = 1;
    private double _average = double.NaN;
    private double _peak;

    public double Average
    {
        get
        {
            double a = Volatile.Read(ref _average);
            return double.IsNaN(a) ? 0 : a;
        }
    }

    public double Peak => Volatile.Read(ref _peak);

    public void Reset(AudioFormat format)
    {
        _periodTicks = Stopwatch.Frequency * (double)format.PeriodFrames / format.SampleRate;
        // An exponential average whose time constant is about AveragingTime, whatever the period.
        _alpha = Math.Min(1.0, format.PeriodDuration / AveragingTime);
        Volatile.Write(ref _average, double.NaN);
    }

    public void Record(long renderTicks)
    {
        double load = renderTicks / _periodTicks;
        double average = Volatile.Read(ref _average);
        Volatile.Write(ref _average, double.IsNaN(average) ? load : average + _alpha * (load - average));
        // A concurrent ResetPeak may lose to this write; the peak is a diagnostic, so that is harmless.
        if (load > Volatile.Read(ref _peak))
            Volatile.Write(ref _peak, load);
    }

    public void ResetPeak() => Volatile.Write(ref _peak, 0);
}
