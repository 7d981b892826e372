using System.Runtime.InteropServices;

namespace Mimiumd.Audio;

internal static partial class Interop
{
    /// <summary>Absolute-deadline sleeping on the monotonic clock, so pacing never drifts and a
    /// signal-interrupted sleep can simply be repeated.</summary>
    internal static unsafe partial class Time
    {
        internal const int CLOCK_MONOTONIC = 1;
        internal const int TIMER_ABSTIME = 1;
        internal const int EINTR = 4;

        // time_t and long are both pointer-sized on glibc's default ABI (64-bit and armhf).
        [StructLayout(LayoutKind.Sequential)]
        internal struct Timespec
        {
            public nint Seconds;
            public nint Nanoseconds;
        }

        [LibraryImport(Libraries.LibC)]
        [SuppressGCTransition]
        internal static partial int clock_gettime(int clockId, Timespec* time);

        /// <returns>0 or an errno value (not -1 with errno).</returns>
        [LibraryImport(Libraries.LibC)]
        internal static partial int clock_nanosleep(int clockId, int flags, Timespec* request, Timespec* remain);

        internal static long MonotonicNanoseconds()
        {
            Timespec ts;
            clock_gettime(CLOCK_MONOTONIC, &ts);
            return (long)ts.Seconds * 1_000_000_000L + ts.Nanoseconds;
        }

        internal static void SleepUntil(long monotonicNanoseconds)
        {
            var ts = new Timespec
            {
                Seconds = (nint)(monotonicNanoseconds / 1_000_000_000L),
                Nanoseconds = (nint)(monotonicNanoseconds % 1_000_000_000L),
            };
            while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, null) == EINTR)
            {
            }
        }
    }
}
