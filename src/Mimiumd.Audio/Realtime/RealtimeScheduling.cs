namespace Mimiumd.Audio;

/// <summary>Raises only the calling thread to SCHED_FIFO; a process-wide policy would also
/// promote the GC, JIT and thread-pool threads.</summary>
public static unsafe class RealtimeScheduling
{
    /// <summary>Call from the thread to promote. The priority is clamped to the policy's range.</summary>
    public static RealtimeResult TryEnableFifo(int priority)
    {
        if (!OperatingSystem.IsLinux())
            return new RealtimeResult(RealtimeOutcome.Unsupported, priority, 0);
        try
        {
            int min = Interop.Sched.sched_get_priority_min(Interop.Sched.SCHED_FIFO);
            int max = Interop.Sched.sched_get_priority_max(Interop.Sched.SCHED_FIFO);
            if (min >= 0 && max >= min)
                priority = Math.Clamp(priority, min, max);
            var param = new Interop.Sched.SchedParam { Priority = priority };
            int rc = Interop.Sched.pthread_setschedparam(Interop.Sched.pthread_self(), Interop.Sched.SCHED_FIFO, &param);
            return rc switch
            {
                0 => new RealtimeResult(RealtimeOutcome.Enabled, priority, 0),
                Interop.Sched.EPERM => new RealtimeResult(RealtimeOutcome.NotPermitted, priority, rc),
                _ => new RealtimeResult(RealtimeOutcome.Failed, priority, rc),
            };
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return new RealtimeResult(RealtimeOutcome.Unsupported, priority, 0);
        }
    }

    /// <summary>The calling thread's policy (0 = SCHED_OTHER, 1 = SCHED_FIFO) and priority.</summary>
    internal static (int Policy, int Priority) Current()
    {
        int policy;
        Interop.Sched.SchedParam param;
        int rc = Interop.Sched.pthread_getschedparam(Interop.Sched.pthread_self(), &policy, &param);
        if (rc != 0)
            throw new InvalidOperationException($"pthread_getschedparam failed (errno {rc})");
        return (policy, param.Priority);
    }
}
