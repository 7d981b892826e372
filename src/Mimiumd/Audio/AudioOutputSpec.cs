using Mimiumd.Alsa;
using Mimiumd.Audio;

namespace Mimiumd.Audio;

/// <summary>Parses `alsa:DEVICE`, `null` and `wav:FILE` into a sink.</summary>
public sealed record AudioOutputSpec(string Kind, string Target)
{
    public static bool TryParse(string text, out AudioOutputSpec spec, out string error)
    {
        error = "";
        spec = new AudioOutputSpec("null", "");
        if (string.IsNullOrWhiteSpace(text)) text = "null";
        if (text == "null")
        {
            return true;
        }
        var colon = text.IndexOf(':');
        if (colon > 0)
        {
            var kind = text[..colon];
            var target = text[(colon + 1)..];
            if (kind is "alsa" or "wav" && target.Length > 0)
            {
                spec = new AudioOutputSpec(kind, target);
                return true;
            }
        }
        error = $"audio output \"{text}\" is not alsa:DEVICE, null or wav:FILE";
        return false;
    }

    public IAudioSink CreateSink(AudioOptionsView options) => Kind switch
    {
        "alsa" => CreateAlsa(options),
        "wav" => new WavFileSink(Target, paced: !options.Unpaced),
        _ => new NullSink(paced: !options.Unpaced),
    };

    private AlsaPcmSink CreateAlsa(AudioOptionsView options)
    {
        AlsaLibrary.SilenceLibraryErrors();
        return new AlsaPcmSink(new AlsaPcmOptions { Device = Target, Periods = options.Periods });
    }

    public override string ToString() => Kind == "null" ? "null" : $"{Kind}:{Target}";
}

/// <summary>What a sink needs to know from the audio settings.</summary>
public readonly record struct AudioOptionsView(int Periods, bool Unpaced);
