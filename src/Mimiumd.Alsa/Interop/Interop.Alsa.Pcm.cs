using System.Runtime.InteropServices;

namespace Mimiumd.Alsa;

internal static partial class Interop
{
    internal static unsafe partial class Alsa
    {
        [LibraryImport(Libraries.Alsa, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int snd_pcm_open(out SafePcmHandle pcm, string name, int stream, int mode);

        [LibraryImport(Libraries.Alsa)]
        internal static partial int snd_pcm_close(nint pcm);

        /// <summary>Switches blocking mode (1 = non-blocking, 0 = blocking) after the open.</summary>
        [LibraryImport(Libraries.Alsa)]
        internal static partial int snd_pcm_nonblock(SafePcmHandle pcm, int nonblock);

        [LibraryImport(Libraries.Alsa)]
        internal static partial int snd_pcm_prepare(SafePcmHandle pcm);

        [LibraryImport(Libraries.Alsa)]
        internal static partial int snd_pcm_drain(SafePcmHandle pcm);

        [LibraryImport(Libraries.Alsa)]
        internal static partial int snd_pcm_drop(SafePcmHandle pcm);

        /// <returns>Frames written (possibly fewer than asked after a signal) or a negative errno.</returns>
        [LibraryImport(Libraries.Alsa)]
        internal static partial nint snd_pcm_writei(SafePcmHandle pcm, void* buffer, nuint frames);

        /// <summary>Handles -EPIPE (underrun), -ESTRPIPE (suspend) and -EINTR; returns other errors unchanged.</summary>
        [LibraryImport(Libraries.Alsa)]
        internal static partial int snd_pcm_recover(SafePcmHandle pcm, int err, int silent);

        // Hardware parameters (the params object is opaque: allocated by alsa-lib, passed as a pointer).
        [LibraryImport(Libraries.Alsa)]
        internal static partial int snd_pcm_hw_params_malloc(nint* ptr);

        [LibraryImport(Libraries.Alsa)]
        internal static partial void snd_pcm_hw_params_free(nint obj);

        [LibraryImport(Libraries.Alsa)]
        internal static partial int snd_pcm_hw_params_any(SafePcmHandle pcm, nint hw);

        [LibraryImport(Libraries.Alsa)]
        internal static partial int snd_pcm_hw_params_set_access(SafePcmHandle pcm, nint hw, int access);

        [LibraryImport(Libraries.Alsa)]
        internal static partial int snd_pcm_hw_params_test_format(SafePcmHandle pcm, nint hw, int format);

        [LibraryImport(Libraries.Alsa)]
        internal static partial int snd_pcm_hw_params_set_format(SafePcmHandle pcm, nint hw, int format);

        [LibraryImport(Libraries.Alsa)]
        internal static partial int snd_pcm_hw_params_set_channels(SafePcmHandle pcm, nint hw, uint channels);

        [LibraryImport(Libraries.Alsa)]
        internal static partial int snd_pcm_hw_params_set_rate_near(SafePcmHandle pcm, nint hw, uint* rate, int* dir);

        // snd_pcm_uframes_t is an unsigned long: pointer-sized on Linux.
        [LibraryImport(Libraries.Alsa)]
        internal static partial int snd_pcm_hw_params_set_period_size_near(SafePcmHandle pcm, nint hw, nuint* frames, int* dir);

        [LibraryImport(Libraries.Alsa)]
        internal static partial int snd_pcm_hw_params_set_periods_near(SafePcmHandle pcm, nint hw, uint* periods, int* dir);

        [LibraryImport(Libraries.Alsa)]
        internal static partial int snd_pcm_hw_params(SafePcmHandle pcm, nint hw);

        [LibraryImport(Libraries.Alsa)]
        internal static partial int snd_pcm_hw_params_get_period_size(nint hw, nuint* frames, int* dir);

        [LibraryImport(Libraries.Alsa)]
        internal static partial int snd_pcm_hw_params_get_buffer_size(nint hw, nuint* frames);

        // Software parameters.
        [LibraryImport(Libraries.Alsa)]
        internal static partial int snd_pcm_sw_params_malloc(nint* ptr);

        [LibraryImport(Libraries.Alsa)]
        internal static partial void snd_pcm_sw_params_free(nint obj);

        [LibraryImport(Libraries.Alsa)]
        internal static partial int snd_pcm_sw_params_current(SafePcmHandle pcm, nint sw);

        [LibraryImport(Libraries.Alsa)]
        internal static partial int snd_pcm_sw_params_set_start_threshold(SafePcmHandle pcm, nint sw, nuint frames);

        [LibraryImport(Libraries.Alsa)]
        internal static partial int snd_pcm_sw_params_set_avail_min(SafePcmHandle pcm, nint sw, nuint frames);

        [LibraryImport(Libraries.Alsa)]
        internal static partial int snd_pcm_sw_params(SafePcmHandle pcm, nint sw);

        // Names, used to check the constants above against the library itself.
        [LibraryImport(Libraries.Alsa)]
        internal static partial nint snd_pcm_format_name(int format);

        [LibraryImport(Libraries.Alsa, StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int snd_pcm_format_value(string name);

        [LibraryImport(Libraries.Alsa)]
        internal static partial nint snd_pcm_access_name(int access);

        [LibraryImport(Libraries.Alsa)]
        internal static partial nint snd_pcm_stream_name(int stream);
    }
}
