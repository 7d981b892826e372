namespace Mimiumd.Alsa;

internal static partial class Interop
{
    internal static partial class Alsa
    {
        // snd_pcm_stream_t, snd_pcm_access_t, snd_pcm_format_t (alsa/pcm.h); checked against
        // snd_pcm_*_name/value by the tests.
        internal const int SND_PCM_STREAM_PLAYBACK = 0;
        internal const int SND_PCM_NONBLOCK = 1;
        internal const int SND_PCM_ACCESS_RW_INTERLEAVED = 3;
        internal const int SND_PCM_FORMAT_S16_LE = 2;
        internal const int SND_PCM_FORMAT_S32_LE = 10;
        internal const int SND_PCM_FORMAT_FLOAT_LE = 14;

        // Linux errno values (identical on x86, ARM and ARM64), returned negated by libasound.
        internal const int ENOENT = 2;
        internal const int EINTR = 4;
        internal const int EIO = 5;
        internal const int ENXIO = 6;
        internal const int EAGAIN = 11;
        internal const int EBUSY = 16;
        internal const int ENODEV = 19;
        internal const int EINVAL = 22;
        internal const int EPIPE = 32;
        internal const int EBADFD = 77;
        internal const int ESTRPIPE = 86;
        internal const int ESHUTDOWN = 108;
    }
}
