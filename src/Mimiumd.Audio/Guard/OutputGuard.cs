using System.Numerics;
using System.Runtime.InteropServices;

namespace Mimiumd.Audio;

/// <summary>The last stage before the sink: NaN/±Inf become silence and everything else is hard-clipped
/// at <see cref="Ceiling"/>, so a broken program can neither blow up a DAC's filters nor the speakers.
/// Runs on the audio thread and only counts; another thread reads the counters and does the reporting.</summary>
public sealed class OutputGuard
{
    private float _ceiling;
    private long _nonFiniteSamples;
    private long _nonFiniteBlocks;
    private long _nonFiniteBursts;
    private long _clippedSamples;
    private long _clippedBlocks;
    private int _inBurst;

    public OutputGuard(float ceiling = 1.0f) => Ceiling = ceiling;

    /// <summary>Largest magnitude let through. May be changed from any thread; takes effect at the next block.</summary>
    public float Ceiling
    {
        get => Volatile.Read(ref _ceiling);
        set
        {
            if (!(value > 0f) || !float.IsFinite(value))
                throw new ArgumentOutOfRangeException(nameof(value), value, "ceiling must be finite and positive");
            Volatile.Write(ref _ceiling, value);
        }
    }

    public long NonFiniteSamples => Interlocked.Read(ref _nonFiniteSamples);

    public long NonFiniteBlocks => Interlocked.Read(ref _nonFiniteBlocks);

    /// <summary>Runs of consecutive blocks containing NaN/Inf: log once when this grows, not once per block.</summary>
    public long NonFiniteBursts => Interlocked.Read(ref _nonFiniteBursts);

    /// <summary>Whether the latest block still contained NaN/Inf (the current burst has not ended).</summary>
    public bool InNonFiniteBurst => Volatile.Read(ref _inBurst) != 0;

    public long ClippedSamples => Interlocked.Read(ref _clippedSamples);

    public long ClippedBlocks => Interlocked.Read(ref _clippedBlocks);

    /// <summary>Cleans one block in place. Allocation- and lock-free.</summary>
    public void Process(Span<float> samples)
    {
        float ceiling = Ceiling;
        int nonFinite = 0, clipped = 0, i = 0;
        if (Vector.IsHardwareAccelerated && samples.Length >= Vector<float>.Count)
        {
            // Fast path: a whole vector strictly inside the ceiling needs nothing; NaN fails every
            // comparison and so falls to the scalar path along with ±Inf and loud samples.
            var limit = new Vector<float>(ceiling);
            var vectors = MemoryMarshal.Cast<float, Vector<float>>(samples);
            for (int v = 0; v < vectors.Length; v++)
            {
                if (!Vector.LessThanAll(Vector.Abs(vectors[v]), limit))
                    CleanScalar(samples.Slice(v * Vector<float>.Count, Vector<float>.Count), ceiling, ref nonFinite, ref clipped);
            }
            i = vectors.Length * Vector<float>.Count;
        }
        CleanScalar(samples[i..], ceiling, ref nonFinite, ref clipped);
        Account(nonFinite, clipped);
    }

    private static void CleanScalar(Span<float> samples, float ceiling, ref int nonFinite, ref int clipped)
    {
        for (int i = 0; i < samples.Length; i++)
        {
            float x = samples[i];
            if (!float.IsFinite(x))
            {
                samples[i] = 0f;
                nonFinite++;
            }
            else if (x > ceiling)
            {
                samples[i] = ceiling;
                clipped++;
            }
            else if (x < -ceiling)
            {
                samples[i] = -ceiling;
                clipped++;
            }
        }
    }

    private void Account(int nonFinite, int clipped)
    {
        if (clipped > 0)
        {
            Interlocked.Add(ref _clippedSamples, clipped);
            Interlocked.Increment(ref _clippedBlocks);
        }
        if (nonFinite > 0)
        {
            Interlocked.Add(ref _nonFiniteSamples, nonFinite);
            Interlocked.Increment(ref _nonFiniteBlocks);
            if (Volatile.Read(ref _inBurst) == 0)
            {
                Interlocked.Increment(ref _nonFiniteBursts);
                Volatile.Write(ref _inBurst, 1);
            }
        }
        else if (Volatile.Read(ref _inBurst) != 0)
        {
            Volatile.Write(ref _inBurst, 0);
        }
    }
}
