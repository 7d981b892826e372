namespace Mimiumd.Audio;

public sealed class BlockLoopOptions
{
    /// <summary>SCHED_FIFO priority for the audio thread, or null to keep normal scheduling.</summary>
    public int? RealtimePriority { get; init; }

    /// <summary>First wait before reopening a sink that failed; doubles up to <see cref="MaxReopenDelay"/>.</summary>
    public TimeSpan ReopenDelay { get; init; } = TimeSpan.FromMilliseconds(100);

    public TimeSpan MaxReopenDelay { get; init; } = TimeSpan.FromSeconds(5);

    public string ThreadName { get; init; } = "mimiumd audio";
}
