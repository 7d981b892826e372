using Microsoft.Win32.SafeHandles;

namespace Mimiumd.Alsa;

/// <summary>An open snd_pcm_t; closing it releases the device for the next open.</summary>
internal sealed class SafePcmHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    public SafePcmHandle()
        : base(ownsHandle: true)
    {
    }

    protected override bool ReleaseHandle() => Interop.Alsa.snd_pcm_close(handle) >= 0;
}
