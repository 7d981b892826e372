namespace Mimiumd.Alsa;

/// <summary>Sample formats the sink can write; values are ALSA's snd_pcm_format_t.</summary>
public enum AlsaSampleFormat
{
    S16Le = Interop.Alsa.SND_PCM_FORMAT_S16_LE,
    S32Le = Interop.Alsa.SND_PCM_FORMAT_S32_LE,
    FloatLe = Interop.Alsa.SND_PCM_FORMAT_FLOAT_LE,
}
