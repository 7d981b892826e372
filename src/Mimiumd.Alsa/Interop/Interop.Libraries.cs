using System.Reflection;
using System.Runtime.InteropServices;

namespace Mimiumd.Alsa;

internal static partial class Interop
{
    internal static class Libraries
    {
        /// <summary>The soname (Debian package libasound2); the only name any import in this assembly uses.</summary>
        internal const string Alsa = "libasound.so.2";

        // Only present with the -dev package, but lets a hand-built alsa-lib be found.
        private const string AlsaUnversioned = "libasound.so";

        private static int s_registered;

        /// <summary>Installs the assembly's resolver once; runs before the first ALSA call (see Interop.Alsa's static constructor).</summary>
        internal static void EnsureResolver()
        {
            if (Interlocked.Exchange(ref s_registered, 1) == 0)
                NativeLibrary.SetDllImportResolver(typeof(Libraries).Assembly, Resolve);
        }

        private static IntPtr Resolve(string name, Assembly assembly, DllImportSearchPath? searchPath)
        {
            if (name != Alsa)
                return IntPtr.Zero;
            if (NativeLibrary.TryLoad(Alsa, assembly, searchPath, out var handle)
                || NativeLibrary.TryLoad(AlsaUnversioned, assembly, searchPath, out handle))
                return handle;
            return IntPtr.Zero;
        }
    }
}
