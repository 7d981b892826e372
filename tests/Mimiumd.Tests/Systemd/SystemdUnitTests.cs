namespace Mimiumd.Tests.Systemd;

/// <summary>A <see cref="FactAttribute"/> skipped, with the reason, when systemd-analyze is not installed.</summary>
public sealed class SystemdAnalyzeFactAttribute : FactAttribute
{
    public SystemdAnalyzeFactAttribute()
    {
        if (DeploymentFiles.Which("systemd-analyze") is null)
            Skip = "systemd-analyze not found: install the Debian package 'systemd' (apt-get install -y systemd) to verify systemd/mimiumd.service";
    }
}

[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class SystemdUnitTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("mimiumd-unit-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>The unit as shipped, except that ExecStart's binary is an executable stub in a temp
    /// directory (verify fails when the binary is missing); the arguments stay as they are.</summary>
    private string CopyUnitWithStubBinary(string extraServiceLines = "")
    {
        string stub = Path.Combine(_dir, "mimiumd");
        File.WriteAllText(stub, "#!/bin/sh\nexit 0\n");
        File.SetUnixFileMode(stub, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
            | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);

        string text = File.ReadAllText(DeploymentFiles.UnitPath);
        const string shipped = "ExecStart=/opt/mimiumd/mimiumd ";
        Assert.Contains(shipped, text);
        text = text.Replace(shipped, "ExecStart=" + stub + " ");
        if (extraServiceLines.Length > 0)
            text = text.Replace("[Service]\n", "[Service]\n" + extraServiceLines);
        string unit = Path.Combine(_dir, "mimiumd.service");
        File.WriteAllText(unit, text);
        return unit;
    }

    private static DeploymentFiles.Result Verify(string unit)
        => DeploymentFiles.Run("systemd-analyze", ["verify", "--man=no", unit]);

    private static string[] LinesAbout(DeploymentFiles.Result r)
        => r.All.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(l => l.Contains("mimiumd", StringComparison.OrdinalIgnoreCase))
            .ToArray();

    [SystemdAnalyzeFact]
    public void Systemd_analyze_verify_accepts_the_unit_without_warnings()
    {
        var r = Verify(CopyUnitWithStubBinary());
        Assert.True(r.ExitCode == 0, $"systemd-analyze verify exited {r.ExitCode}:\n{r.All}");
        Assert.True(LinesAbout(r).Length == 0, "systemd-analyze verify warned about the unit:\n" + r.All);
    }

    [SystemdAnalyzeFact]
    public void Systemd_analyze_verify_would_report_a_bad_line()
    {
        // Control for the test above: verify exits 0 on unknown keys and bad values, so the
        // warnings in its output are what catches them.
        var r = Verify(CopyUnitWithStubBinary("NoSuchSetting=1\nProtectSystem=bogus\n"));
        var about = LinesAbout(r);
        Assert.Contains(about, l => l.Contains("NoSuchSetting"));
        Assert.Contains(about, l => l.Contains("bogus") || l.Contains("protect system", StringComparison.OrdinalIgnoreCase));
    }

    private static Dictionary<string, List<string>> Section(string name)
    {
        var result = new Dictionary<string, List<string>>();
        string? current = null;
        foreach (string raw in File.ReadAllLines(DeploymentFiles.UnitPath))
        {
            string line = raw.Trim();
            if (line.Length == 0 || line[0] is '#' or ';')
                continue;
            if (line[0] == '[')
            {
                current = line.Trim('[', ']');
                continue;
            }
            if (current != name)
                continue;
            int eq = line.IndexOf('=');
            Assert.True(eq > 0, "not a key=value line: " + line);
            string key = line[..eq], value = line[(eq + 1)..];
            if (!result.TryGetValue(key, out var values))
                result[key] = values = [];
            values.Add(value);
        }
        return result;
    }

    [Theory]
    [InlineData("Unit", "StartLimitIntervalSec", "0")]
    [InlineData("Unit", "After", "network-online.target sound.target")]
    [InlineData("Service", "Type", "notify")]
    [InlineData("Service", "NotifyAccess", "main")]
    [InlineData("Service", "ExecStart", "/opt/mimiumd/mimiumd serve --config /etc/mimiumd/mimiumd.json --state-dir /var/lib/mimiumd")]
    [InlineData("Service", "User", "mimiumd")]
    [InlineData("Service", "Group", "mimiumd")]
    [InlineData("Service", "SupplementaryGroups", "audio")]
    [InlineData("Service", "LimitRTPRIO", "95")]
    [InlineData("Service", "LimitMEMLOCK", "infinity")]
    [InlineData("Service", "Restart", "always")]
    [InlineData("Service", "RestartSec", "2")]
    [InlineData("Service", "WatchdogSec", "10s")]
    [InlineData("Service", "TimeoutStopSec", "10s")]
    [InlineData("Service", "KillSignal", "SIGTERM")]
    [InlineData("Service", "StateDirectory", "mimiumd")]
    [InlineData("Service", "ConfigurationDirectory", "mimiumd")]
    [InlineData("Service", "ProtectSystem", "strict")]
    [InlineData("Service", "ProtectHome", "yes")]
    [InlineData("Service", "PrivateTmp", "yes")]
    [InlineData("Service", "NoNewPrivileges", "yes")]
    [InlineData("Service", "ProtectKernelModules", "yes")]
    [InlineData("Service", "ProtectKernelTunables", "yes")]
    [InlineData("Service", "ProtectControlGroups", "yes")]
    [InlineData("Service", "LockPersonality", "yes")]
    [InlineData("Service", "DevicePolicy", "closed")]
    [InlineData("Service", "DeviceAllow", "char-alsa rw")]
    [InlineData("Service", "RestrictAddressFamilies", "AF_UNIX AF_INET AF_INET6 AF_NETLINK")]
    [InlineData("Install", "WantedBy", "multi-user.target")]
    public void Unit_has_the_setting(string section, string key, string value)
    {
        var s = Section(section);
        Assert.True(s.TryGetValue(key, out var values), $"[{section}] has no {key}=");
        Assert.Contains(value, values);
    }

    [Fact]
    public void Unit_sets_workstation_gc_and_the_system_service_syscall_set()
    {
        var s = Section("Service");
        Assert.Contains("DOTNET_gcServer=0", s["Environment"]);
        Assert.Contains("@system-service", s["SystemCallFilter"]);
        // Subtracting these would break SCHED_FIFO / mlock on the audio thread.
        Assert.DoesNotContain(s["SystemCallFilter"], v => v.Contains("~@resources") || v.Contains("~@memlock"));
    }

    [Theory]
    [InlineData("PrivateDevices")]          // hides /dev/snd
    [InlineData("RestrictRealtime")]        // forbids SCHED_FIFO
    [InlineData("MemoryDenyWriteExecute")]  // kills the JIT
    [InlineData("CPUSchedulingPolicy")]     // would make every .NET thread real-time
    [InlineData("ProcSubset")]
    [InlineData("PrivateUsers")]
    public void Unit_avoids_settings_that_break_alsa_realtime_or_the_jit(string key)
        => Assert.False(Section("Service").ContainsKey(key), $"{key}= must not be set");

    [Fact]
    public void Every_hardening_line_that_is_not_self_explanatory_has_a_comment()
    {
        // The settings whose reason is not obvious must be preceded by a comment line.
        string[] lines = File.ReadAllLines(DeploymentFiles.UnitPath);
        foreach (string key in new[] { "StartLimitIntervalSec", "SupplementaryGroups", "LimitRTPRIO", "WatchdogSec",
                     "DeviceAllow", "RestrictAddressFamilies", "SystemCallFilter", "CapabilityBoundingSet", "Environment" })
        {
            int i = Array.FindIndex(lines, l => l.StartsWith(key + "=", StringComparison.Ordinal));
            Assert.True(i > 0, key + " missing");
            int j = i - 1;
            while (j > 0 && !lines[j].StartsWith('#') && lines[j].Length > 0 && !lines[j].StartsWith('['))
                j--; // a comment may cover a small group of related lines
            Assert.True(lines[j].StartsWith('#'), $"no comment explains {key}=");
        }
    }
}
