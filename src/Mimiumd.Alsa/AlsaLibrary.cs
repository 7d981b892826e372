namespace Mimiumd.Alsa;

public static class AlsaLibrary
{
    private static int _silenced;

    /// <summary>
    /// Stops libasound from printing its own error lines (they would repeat on every reopen
    /// attempt); the sink reports each failure itself. Safe to call more than once.
    /// </summary>
    public static void SilenceLibraryErrors()
    {
        if (Interlocked.Exchange(ref _silenced, 1) == 1) return;
        try
        {
            Interop.Alsa.SilenceLibraryErrors();
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException or TypeInitializationException)
        {
            // Without libasound there is nothing to silence; opening a device will say why.
        }
    }

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
