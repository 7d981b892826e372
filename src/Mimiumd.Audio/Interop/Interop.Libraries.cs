namespace Mimiumd.Audio;

internal static partial class Interop
{
    internal static class Libraries
    {
        // The glibc soname, not "libc": the runtime would probe "libc.so", which on glibc
        // is a linker script (or absent without the -dev package) that dlopen rejects.
        internal const string LibC = "libc.so.6";
    }
}
