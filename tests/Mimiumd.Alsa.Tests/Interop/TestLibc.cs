using System.Runtime.InteropServices;

namespace Mimiumd.Alsa.Tests;

/// <summary>libasound reads ALSA_CONFIG_PATH with getenv, and Environment.SetEnvironmentVariable does not
/// reach the native environment on Unix, so the tests set it through libc.</summary>
internal static partial class TestLibc
{
    [LibraryImport("libc.so.6", StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int setenv(string name, string value, int overwrite);
}
