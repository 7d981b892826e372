namespace Mimiumd.Alsa;

public static class AlsaLibrary
{
    /// <summary>Whether libasound can be loaded and called; <paramref name="version"/> is its version or why not.</summary>
    public static bool TryGetVersion(out string version)
    {
        try
        {
            version = Interop.Alsa.Version();
            return true;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException or TypeInitializationException)
        {
            version = $"{Interop.Libraries.Alsa} cannot be loaded ({e.GetType().Name}); install the libasound2 package";
            return false;
        }
    }
}
