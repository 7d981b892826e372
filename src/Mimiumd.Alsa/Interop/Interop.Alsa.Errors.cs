using System.Runtime.InteropServices;

namespace Mimiumd.Alsa;

internal static partial class Interop
{
    internal static unsafe partial class Alsa
    {
        /// <summary>
        /// snd_lib_error_set_handler(handler): libasound otherwise prints its own line to stderr
        /// for every failed open, which a daemon retrying a missing device for months would repeat
        /// endlessly; our callers report the same errors, once, through AlsaException.
        /// </summary>
        [LibraryImport(Libraries.Alsa)]
        internal static partial int snd_lib_error_set_handler(delegate* unmanaged<byte*, int, byte*, int, byte*, void> handler);

        // The C handler is variadic; the variable arguments after fmt are never read, which the
        // x86-64 and AArch64 Linux calling conventions allow.
        [UnmanagedCallersOnly]
        private static void IgnoreError(byte* file, int line, byte* function, int err, byte* fmt)
        {
        }

        internal static void SilenceLibraryErrors() => snd_lib_error_set_handler(&IgnoreError);
    }
}
