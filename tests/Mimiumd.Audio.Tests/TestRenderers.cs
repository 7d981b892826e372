namespace Mimiumd.Audio.Tests;

/// <summary>Writes a running sample counter, so the output shows which samples arrived in which order.</summary>
internal sealed class RampRenderer : IAudioRenderer
{
    private long _next;

    public void Render(Span<float> interleaved, int frames, int channels)
    {
        for (int i = 0; i < interleaved.Length; i++)
            interleaved[i] = _next++ % 1000 / 1000f;
    }
}

/// <summary>Records, on the audio thread itself, the thread's allocation counter at every call.</summary>
internal sealed class AllocationProbeRenderer(int calls) : IAudioRenderer
{
    private readonly long[] _allocated = new long[calls];
    private int _count;

    public int Count => Volatile.Read(ref _count);

    public long AllocatedBetween(int from, int to) => _allocated[to] - _allocated[from];

    public void Render(Span<float> interleaved, int frames, int channels)
    {
        interleaved.Fill(0.1f);
        if (_count < _allocated.Length)
        {
            _allocated[_count] = GC.GetAllocatedBytesForCurrentThread();
            Volatile.Write(ref _count, _count + 1);
        }
    }
}

internal static class Wait
{
    public static void Until(Func<bool> condition, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
                throw new TimeoutException("condition not reached");
            Thread.Sleep(2);
        }
    }
}
