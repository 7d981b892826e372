namespace Mimiumd.Alsa;

/// <summary>A libasound call returned a negative errno.</summary>
public sealed class AlsaException : IOException
{
    public AlsaException(string function, int errorCode, string? device, string? detail = null)
        : base(Describe(function, errorCode, device, detail))
    {
        Function = function;
        ErrorCode = errorCode;
        Device = device;
    }

    /// <summary>The negative errno libasound returned, e.g. -19 (ENODEV).</summary>
    public int ErrorCode { get; }

    /// <summary>The libasound function that failed.</summary>
    public string Function { get; }

    public string? Device { get; }

    /// <summary>The device is absent (unplugged, never present, or unknown by that name) rather than broken
    /// or busy: reopening later may succeed.</summary>
    public bool IsDeviceMissing => IsDeviceMissingCode(ErrorCode);

    internal static bool IsDeviceMissingCode(int errorCode) =>
        -errorCode is Interop.Alsa.ENODEV or Interop.Alsa.ENOENT or Interop.Alsa.ENXIO
            or Interop.Alsa.EBADFD or Interop.Alsa.ESHUTDOWN;

    /// <summary>Throws for a negative return; passes anything else through.</summary>
    internal static int Check(int result, string function, string? device)
    {
        if (result < 0)
            throw new AlsaException(function, result, device);
        return result;
    }

    private static string Describe(string function, int errorCode, string? device, string? detail)
    {
        string on = device is null ? "" : $" on PCM '{device}'";
        string hint = (function, -errorCode) switch
        {
            ("snd_pcm_open", Interop.Alsa.ENOENT) => " (no PCM of that name is defined; `aplay -L` lists them)",
            ("snd_pcm_open", Interop.Alsa.ENODEV) => " (no such sound card is present)",
            ("snd_pcm_open", Interop.Alsa.EBUSY) => " (another program holds the device, e.g. PipeWire, PulseAudio or JACK)",
            _ => "",
        };
        string text = detail ?? Interop.Alsa.ErrorText(errorCode);
        return $"ALSA {function}{on} failed: {text} ({errorCode}){hint}";
    }
}
