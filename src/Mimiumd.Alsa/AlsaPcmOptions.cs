namespace Mimiumd.Alsa;

public sealed class AlsaPcmOptions
{
    /// <summary>PCM name as ALSA knows it: "default", "hw:CARD=Device,DEV=0" (stable across USB replugs,
    /// unlike card numbers), "plughw:CARD=Device", "plug:…", or anything defined in asound.conf.</summary>
    public string Device { get; init; } = "default";

    /// <summary>Periods in the device buffer. Three suits USB audio (1 ms packets); onboard/PCI devices manage with two.</summary>
    public int Periods { get; init; } = 3;

    /// <summary>Formats to try, best first. Float needs no conversion; integer formats are converted from
    /// float in the sink.</summary>
    public IReadOnlyList<AlsaSampleFormat> Formats { get; init; } = [AlsaSampleFormat.FloatLe, AlsaSampleFormat.S32Le, AlsaSampleFormat.S16Le];
}
