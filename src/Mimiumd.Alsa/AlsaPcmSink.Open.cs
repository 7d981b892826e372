using Mimiumd.Audio;

namespace Mimiumd.Alsa;

public sealed unsafe partial class AlsaPcmSink
{
    /// <summary>Opens the PCM and negotiates interleaved access, the first accepted format of
    /// <see cref="AlsaPcmOptions.Formats"/>, the channel count (exactly), and the rate, period size and
    /// period count (nearest the device allows). Throws <see cref="AlsaException"/>.</summary>
    public AudioFormat Open(AudioFormat requested)
    {
        Close();
        string device = _options.Device;
        SafePcmHandle? pcm = null;
        try
        {
            // A blocking open of a busy device waits until its holder lets go, possibly forever. alsa-lib's hw
            // plugin opens non-blocking anyway unless defaults.pcm.nonblock is off; asking keeps it so whatever
            // the configuration says. Writes, which pace the loop, are switched back to blocking.
            AlsaException.Check(Interop.Alsa.snd_pcm_open(out pcm, device, Interop.Alsa.SND_PCM_STREAM_PLAYBACK, Interop.Alsa.SND_PCM_NONBLOCK),
                "snd_pcm_open", device);
            AlsaException.Check(Interop.Alsa.snd_pcm_nonblock(pcm, 0), "snd_pcm_nonblock", device);
            var granted = ConfigureHardware(pcm, requested, out var format, out int bufferFrames);
            ConfigureSoftware(pcm, granted.PeriodFrames, bufferFrames);
            _format = format;
            _channels = granted.Channels;
            _chunkFrames = granted.PeriodFrames;
            int samples = granted.SamplesPerPeriod;
            _s16 = format == AlsaSampleFormat.S16Le ? new short[samples] : [];
            _s32 = format == AlsaSampleFormat.S32Le ? new int[samples] : [];
            BufferFrames = bufferFrames;
            _pcm = pcm;
            _state = SinkState.Open;
            return granted;
        }
        catch (AlsaException e)
        {
            pcm?.Dispose();
            _lastError = e;
            _state = e.IsDeviceMissing ? SinkState.DeviceMissing : SinkState.Failed;
            throw;
        }
    }

    private AudioFormat ConfigureHardware(SafePcmHandle pcm, AudioFormat requested, out AlsaSampleFormat format, out int bufferFrames)
    {
        string device = _options.Device;
        nint hw;
        AlsaException.Check(Interop.Alsa.snd_pcm_hw_params_malloc(&hw), "snd_pcm_hw_params_malloc", device);
        try
        {
            AlsaException.Check(Interop.Alsa.snd_pcm_hw_params_any(pcm, hw), "snd_pcm_hw_params_any", device);
            AlsaException.Check(Interop.Alsa.snd_pcm_hw_params_set_access(pcm, hw, Interop.Alsa.SND_PCM_ACCESS_RW_INTERLEAVED),
                "snd_pcm_hw_params_set_access", device);
            format = ChooseFormat(pcm, hw);
            AlsaException.Check(Interop.Alsa.snd_pcm_hw_params_set_format(pcm, hw, (int)format), "snd_pcm_hw_params_set_format", device);
            int rc = Interop.Alsa.snd_pcm_hw_params_set_channels(pcm, hw, (uint)requested.Channels);
            if (rc < 0)
                throw new AlsaException("snd_pcm_hw_params_set_channels", rc, device, $"{requested.Channels} channels not supported");
            // Rate before period size: the period's duration depends on it.
            uint rate = (uint)requested.SampleRate;
            int dir = 0;
            AlsaException.Check(Interop.Alsa.snd_pcm_hw_params_set_rate_near(pcm, hw, &rate, &dir), "snd_pcm_hw_params_set_rate_near", device);
            nuint period = (nuint)requested.PeriodFrames;
            dir = 0;
            AlsaException.Check(Interop.Alsa.snd_pcm_hw_params_set_period_size_near(pcm, hw, &period, &dir), "snd_pcm_hw_params_set_period_size_near", device);
            uint periods = (uint)_options.Periods;
            dir = 0;
            AlsaException.Check(Interop.Alsa.snd_pcm_hw_params_set_periods_near(pcm, hw, &periods, &dir), "snd_pcm_hw_params_set_periods_near", device);
            AlsaException.Check(Interop.Alsa.snd_pcm_hw_params(pcm, hw), "snd_pcm_hw_params", device);
            AlsaException.Check(Interop.Alsa.snd_pcm_hw_params_get_period_size(hw, &period, &dir), "snd_pcm_hw_params_get_period_size", device);
            nuint buffer;
            AlsaException.Check(Interop.Alsa.snd_pcm_hw_params_get_buffer_size(hw, &buffer), "snd_pcm_hw_params_get_buffer_size", device);
            bufferFrames = (int)buffer;
            return new AudioFormat((int)rate, requested.Channels, (int)period);
        }
        finally
        {
            Interop.Alsa.snd_pcm_hw_params_free(hw);
        }
    }

    private AlsaSampleFormat ChooseFormat(SafePcmHandle pcm, nint hw)
    {
        foreach (var candidate in _options.Formats)
        {
            if (Interop.Alsa.snd_pcm_hw_params_test_format(pcm, hw, (int)candidate) == 0)
                return candidate;
        }
        throw new AlsaException("snd_pcm_hw_params_test_format", -Interop.Alsa.EINVAL, _options.Device,
            $"none of the sample formats {string.Join(", ", _options.Formats)} is supported");
    }

    private void ConfigureSoftware(SafePcmHandle pcm, int periodFrames, int bufferFrames)
    {
        string device = _options.Device;
        nint sw;
        AlsaException.Check(Interop.Alsa.snd_pcm_sw_params_malloc(&sw), "snd_pcm_sw_params_malloc", device);
        try
        {
            AlsaException.Check(Interop.Alsa.snd_pcm_sw_params_current(pcm, sw), "snd_pcm_sw_params_current", device);
            // Start only once the buffer is full (also after an xrun), so playback begins with maximum slack.
            nuint start = (nuint)(bufferFrames / periodFrames * periodFrames);
            AlsaException.Check(Interop.Alsa.snd_pcm_sw_params_set_start_threshold(pcm, sw, start), "snd_pcm_sw_params_set_start_threshold", device);
            AlsaException.Check(Interop.Alsa.snd_pcm_sw_params_set_avail_min(pcm, sw, (nuint)periodFrames), "snd_pcm_sw_params_set_avail_min", device);
            AlsaException.Check(Interop.Alsa.snd_pcm_sw_params(pcm, sw), "snd_pcm_sw_params", device);
        }
        finally
        {
            Interop.Alsa.snd_pcm_sw_params_free(sw);
        }
    }
}
