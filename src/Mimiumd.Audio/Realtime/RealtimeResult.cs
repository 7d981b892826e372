namespace Mimiumd.Audio;

public enum RealtimeOutcome
{
    Enabled,
    /// <summary>No CAP_SYS_NICE / RLIMIT_RTPRIO (e.g. a unit without LimitRTPRIO=): the thread keeps normal priority.</summary>
    NotPermitted,
    /// <summary>Not Linux, or libc could not be called.</summary>
    Unsupported,
    Failed,
}

/// <summary>What happened when asking for SCHED_FIFO, for the caller to log off the audio thread.</summary>
public readonly record struct RealtimeResult(RealtimeOutcome Outcome, int Priority, int Errno)
{
    public bool IsEnabled => Outcome == RealtimeOutcome.Enabled;

    public override string ToString() => Outcome switch
    {
        RealtimeOutcome.Enabled => $"SCHED_FIFO priority {Priority}",
        RealtimeOutcome.NotPermitted => $"SCHED_FIFO priority {Priority} not permitted (errno {Errno}); running at normal priority",
        RealtimeOutcome.Unsupported => "SCHED_FIFO unsupported on this platform; running at normal priority",
        _ => $"SCHED_FIFO priority {Priority} failed (errno {Errno}); running at normal priority",
    };
}
