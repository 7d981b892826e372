using System.Runtime.InteropServices;

namespace Mimiumd.Alsa;

internal static partial class Interop
{
    /// <summary>libasound, called only from this assembly. Every int-returning function returns a negative
    /// errno on failure; <see cref="AlsaException"/> turns those into exceptions at the call sites.</summary>
    internal static unsafe partial class Alsa
    {
        static Alsa() => Libraries.EnsureResolver();

        [LibraryImport(Libraries.Alsa)]
        internal static partial nint snd_strerror(int errnum);

        [LibraryImport(Libraries.Alsa)]
        internal static partial nint snd_asoundlib_version();

        internal static string ErrorText(int error) =>
            Marshal.PtrToStringUTF8(snd_strerror(error)) ?? $"error {error}";

        internal static string Version() => Marshal.PtrToStringUTF8(snd_asoundlib_version()) ?? "?";
    }
}
