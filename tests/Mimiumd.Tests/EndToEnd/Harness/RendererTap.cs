using Mimiumd.Audio;

namespace Mimiumd.Tests.EndToEnd.Harness;

/// <summary>
/// A pass-through renderer installed with <see cref="BlockLoop.SetRenderer"/> around the daemon's own
/// renderer (the AudioService). It publishes the last frame of every block and, while armed, sums the
/// bytes the audio thread allocated between consecutive periods (render, guard, sink write and pacing
/// all happen in between). It allocates, locks and blocks nothing itself.
/// </summary>
internal sealed class RendererTap(IAudioRenderer inner) : IAudioRenderer
{
    private const int MaxChannels = 8;
    private readonly int[] _lastFrame = new int[MaxChannels];
    private readonly int[] _lastAudibleFrame = new int[MaxChannels];
    private int _firstAudibleAfterSilence;
    private bool _previousSilent;
    private long _drops;
    private long _blocks;
    private long _silentBlocks;
    private int _lastBlockPeak;
    private long _previousAllocated = -1;
    private int _armed;
    private long _allocated;
    private long _measuredPeriods;
    private long _maxAllocationInOnePeriod;

    public void Render(Span<float> interleaved, int frames, int channels)
    {
        long allocatedSoFar = GC.GetAllocatedBytesForCurrentThread();
        if (Volatile.Read(ref _armed) == 1 && _previousAllocated >= 0)
        {
            long delta = allocatedSoFar - _previousAllocated;
            Interlocked.Add(ref _allocated, delta);
            Interlocked.Increment(ref _measuredPeriods);
            if (delta > Interlocked.Read(ref _maxAllocationInOnePeriod)) Interlocked.Exchange(ref _maxAllocationInOnePeriod, delta);
        }
        _previousAllocated = allocatedSoFar;

        inner.Render(interleaved, frames, channels);

        float peak = 0;
        foreach (var s in interleaved[..(frames * channels)]) peak = MathF.Max(peak, MathF.Abs(s));
        var last = interleaved.Slice((frames - 1) * channels, channels);
        for (var c = 0; c < Math.Min(channels, MaxChannels); c++) Volatile.Write(ref _lastFrame[c], BitConverter.SingleToInt32Bits(last[c]));
        Volatile.Write(ref _lastBlockPeak, BitConverter.SingleToInt32Bits(peak));
        if (peak == 0) Interlocked.Increment(ref _silentBlocks);
        else
        {
            if (_previousSilent) Volatile.Write(ref _firstAudibleAfterSilence, BitConverter.SingleToInt32Bits(last[0]));
            if (last[0] < BitConverter.Int32BitsToSingle(_lastAudibleFrame[0])) Interlocked.Increment(ref _drops);
            for (var c = 0; c < Math.Min(channels, MaxChannels); c++) Volatile.Write(ref _lastAudibleFrame[c], BitConverter.SingleToInt32Bits(last[c]));
        }
        _previousSilent = peak == 0;
        Interlocked.Increment(ref _blocks);
    }

    /// <summary>Blocks rendered through the tap.</summary>
    public long Blocks => Interlocked.Read(ref _blocks);

    public long SilentBlocks => Interlocked.Read(ref _silentBlocks);

    /// <summary>Channel <paramref name="channel"/> of the last frame of the latest block (before the output guard).</summary>
    public float Last(int channel = 0) => BitConverter.Int32BitsToSingle(Volatile.Read(ref _lastFrame[channel]));

    /// <summary>Like <see cref="Last"/>, for the latest block that was not all zeros.</summary>
    public float LastAudible(int channel = 0) => BitConverter.Int32BitsToSingle(Volatile.Read(ref _lastAudibleFrame[channel]));

    /// <summary>Channel 0 of the last frame of the first audible block after a silent one.</summary>
    public float FirstAudibleAfterSilence => BitConverter.Int32BitsToSingle(Volatile.Read(ref _firstAudibleAfterSilence));

    /// <summary>Audible blocks whose channel 0 ended lower than the previous audible block's: for a rising ramp, restarts.</summary>
    public long Drops => Interlocked.Read(ref _drops);

    /// <summary>Largest magnitude in the latest block.</summary>
    public float LastBlockPeak => BitConverter.Int32BitsToSingle(Volatile.Read(ref _lastBlockPeak));

    public void ArmAllocationMeter()
    {
        Interlocked.Exchange(ref _allocated, 0);
        Interlocked.Exchange(ref _measuredPeriods, 0);
        Interlocked.Exchange(ref _maxAllocationInOnePeriod, 0);
        Volatile.Write(ref _armed, 1);
    }

    public (long Bytes, long Periods, long MaxInOnePeriod) DisarmAllocationMeter()
    {
        Volatile.Write(ref _armed, 0);
        return (Interlocked.Read(ref _allocated), Interlocked.Read(ref _measuredPeriods), Interlocked.Read(ref _maxAllocationInOnePeriod));
    }
}
