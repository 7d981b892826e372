namespace Mimiumd.Audio;

/// <summary>Produces audio for one period. Called on the audio thread: an implementation must
/// not allocate, lock, log or block, because any of those can stall the device past its deadline.</summary>
public interface IAudioRenderer
{
    /// <param name="interleaved">Exactly <paramref name="frames"/> × <paramref name="channels"/>
    /// samples to overwrite (frame-major: L0 R0 L1 R1 …). Its previous contents are unspecified.</param>
    void Render(Span<float> interleaved, int frames, int channels);
}
