namespace Mimiumd.Alsa.Tests;

/// <summary>A fact that needs kernel sound devices (snd-aloop, snd-dummy). This project's machines have
/// none, so these run inside ../shared/alsa-vm (see run-in-alsa-vm.sh) and are skipped elsewhere.</summary>
public sealed class HardwareFactAttribute : FactAttribute
{
    public HardwareFactAttribute()
    {
        if (!File.Exists("/proc/asound/Loopback/id") || !File.Exists("/proc/asound/Dummy/id"))
            Skip = "needs the snd-aloop and snd-dummy sound cards; run tests/Mimiumd.Alsa.Tests/run-in-alsa-vm.sh";
        else if (!AlsaLibrary.TryGetVersion(out var why))
            Skip = why;
    }
}
