using System.Runtime.InteropServices;

namespace Mimiumd.Audio;

internal static partial class Interop
{
    /// <summary>POSIX thread scheduling; .NET's Thread.Priority never reaches SCHED_FIFO.</summary>
    internal static unsafe partial class Sched
    {
        internal const int SCHED_OTHER = 0;
        internal const int SCHED_FIFO = 1;

        internal const int EPERM = 1;
        internal const int EINVAL = 22;

        [StructLayout(LayoutKind.Sequential)]
        internal struct SchedParam
        {
            public int Priority;
        }

        // pthread_t is an unsigned long on glibc.
        [LibraryImport(Libraries.LibC)]
        [SuppressGCTransition]
        internal static partial nuint pthread_self();

        /// <returns>0 or an errno value (not -1 with errno).</returns>
        [LibraryImport(Libraries.LibC)]
        internal static partial int pthread_setschedparam(nuint thread, int policy, SchedParam* param);

        [LibraryImport(Libraries.LibC)]
        internal static partial int pthread_getschedparam(nuint thread, int* policy, SchedParam* param);

        [LibraryImport(Libraries.LibC)]
        internal static partial int sched_get_priority_min(int policy);

        [LibraryImport(Libraries.LibC)]
        internal static partial int sched_get_priority_max(int policy);
    }
}
