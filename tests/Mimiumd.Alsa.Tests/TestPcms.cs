namespace Mimiumd.Alsa.Tests;

/// <summary>PCMs that exercise the real libasound without a sound card: ALSA's <c>file</c> plugin in front
/// of the <c>null</c> plugin stores every written sample in a raw file.</summary>
internal sealed class TestPcms : IDisposable
{
    private static readonly Lazy<string> s_configPath = new(InstallConfig);

    public TestPcms() => Directory.CreateDirectory(Root);

    public string Root { get; } = Path.Combine(Path.GetTempPath(), $"mimiumd-alsa-{Guid.NewGuid():N}");

    /// <summary>A file-capturing PCM accepting any format (the predefined <c>pcm.file</c> of alsa.conf).</summary>
    public string Capture(string name) => $"file:'{Path.Combine(Root, name)}',raw";

    /// <summary>A file-capturing PCM that refuses float: ALSA's linear plugin converts any integer format
    /// to S16_LE before the file. Defined in a test configuration loaded through ALSA_CONFIG_PATH.</summary>
    public string CaptureIntegerOnly(string name)
    {
        _ = s_configPath.Value;
        return $"mimiumd_test_int:FILE='{Path.Combine(Root, name)}'";
    }

    public byte[] Read(string name) => File.ReadAllBytes(Path.Combine(Root, name));

    public void Dispose() => Directory.Delete(Root, recursive: true);

    private static string InstallConfig()
    {
        string path = Path.Combine(Path.GetTempPath(), $"mimiumd-alsa-{Environment.ProcessId}.conf");
        // ALSA_CONFIG_PATH replaces the top-level file list, so the stock alsa.conf is included first.
        File.WriteAllText(path, """
            <confdir:alsa.conf>
            pcm.mimiumd_test_int {
                @args [ FILE ]
                @args.FILE { type string }
                type linear
                slave {
                    pcm { type file slave.pcm null file $FILE format raw }
                    format S16_LE
                }
            }
            """);
        if (TestLibc.setenv("ALSA_CONFIG_PATH", path, 1) != 0)
            throw new InvalidOperationException("setenv failed");
        return path;
    }
}
