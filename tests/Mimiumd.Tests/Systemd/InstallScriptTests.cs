using System.Runtime.InteropServices;

namespace Mimiumd.Tests.Systemd;

public sealed class InstallScriptTests
{
    private static DeploymentFiles.Result Install(params string[] args)
        => DeploymentFiles.Run("bash", [DeploymentFiles.InstallScript, .. args],
            // A dry run needs no SDK: make sure it does not try to run one.
            new Dictionary<string, string?> { ["DOTNET"] = "/nonexistent/dotnet" });

    private static string UniquePrefix() => "/opt/mimiumd-test-" + Guid.NewGuid().ToString("N")[..8];

    [Fact]
    public void Script_parses()
    {
        var r = DeploymentFiles.Run("bash", ["-n", DeploymentFiles.InstallScript]);
        Assert.True(r.ExitCode == 0, r.All);
        Assert.StartsWith("#!/usr/bin/env bash\n", File.ReadAllText(DeploymentFiles.InstallScript));
        Assert.Contains("set -euo pipefail", File.ReadAllText(DeploymentFiles.InstallScript));
    }

    [Fact]
    public void Dry_run_prints_every_planned_step_in_order_and_changes_nothing()
    {
        string prefix = UniquePrefix();
        var r = Install("--dry-run", "--rid", "linux-arm64", "--prefix", prefix);
        Assert.True(r.ExitCode == 0, r.All);
        string o = r.StdOut;

        // In the order the steps must happen.
        string[] steps =
        [
            "dry run: nothing is changed",
            "+ /nonexistent/dotnet publish " + Path.Combine(DeploymentFiles.RepoRoot, "src/Mimiumd/Mimiumd.csproj") + " -c Release -r linux-arm64 --self-contained true -p:PublishReadyToRun=true",
            "system user mimiumd in group audio",
            "+ install -d -o mimiumd -g mimiumd -m 0700 /var/lib/mimiumd",
            $"+ mv -- {prefix}.new {prefix}",
            "ExecStart rewritten: /opt/mimiumd/mimiumd -> " + prefix + "/mimiumd",
            "/etc/systemd/system/mimiumd.service",
            "+ install -d -m 0755 /etc/mimiumd",
        ];
        int at = 0;
        foreach (string step in steps)
        {
            int i = o.IndexOf(step, at, StringComparison.Ordinal);
            Assert.True(i >= 0, $"step not found (in order): {step}\n--- output ---\n{o}{r.StdErr}");
            at = i + step.Length;
        }

        // The user: created, or (re-run) only added to audio if need be.
        Assert.True(o.Contains("+ useradd --system") && o.Contains("--groups audio") && o.Contains("--home-dir /var/lib/mimiumd")
                    && (o.Contains("--shell /usr/sbin/nologin") || o.Contains("--shell /sbin/nologin") || o.Contains("--shell /bin/false"))
                    || o.Contains("+ usermod --append --groups audio mimiumd")
                    || o.Contains("user mimiumd exists and is in group audio"), o);

        // The configuration is never overwritten.
        Assert.True(File.Exists("/etc/mimiumd/mimiumd.json")
            ? o.Contains("keeping existing /etc/mimiumd/mimiumd.json") && !o.Contains("config/mimiumd.json /etc/mimiumd/mimiumd.json")
            : o.Contains("config/mimiumd.json /etc/mimiumd/mimiumd.json") || r.StdErr.Contains("not installing a configuration"), o);

        // systemctl only where systemd runs.
        if (Directory.Exists("/run/systemd/system"))
        {
            Assert.Contains("+ systemctl daemon-reload", o);
            Assert.Contains("+ systemctl enable --now mimiumd", o);
            Assert.True(o.IndexOf("daemon-reload", StringComparison.Ordinal) < o.IndexOf("enable --now", StringComparison.Ordinal));
        }
        else
        {
            Assert.Contains("systemd is not running", o);
            Assert.DoesNotContain("+ systemctl", o);
        }
        Assert.EndsWith("==> done\n", o);

        Assert.False(Directory.Exists(prefix));
        Assert.False(Directory.Exists(prefix + ".new"));
    }

    [Fact]
    public void Default_prefix_installs_the_unit_as_shipped()
    {
        var r = Install("--dry-run", "--rid", "linux-x64");
        Assert.True(r.ExitCode == 0, r.All);
        Assert.Contains("-r linux-x64", r.StdOut);
        Assert.DoesNotContain("ExecStart rewritten", r.StdOut);
        Assert.Contains("+ install -D -m 0644 -o root -g root " + DeploymentFiles.UnitPath + " /etc/systemd/system/mimiumd.service", r.StdOut);
        Assert.Contains("+ mv -- /opt/mimiumd.new /opt/mimiumd", r.StdOut);
    }

    [Fact]
    public void Rid_defaults_to_the_machine()
    {
        string? expected = RuntimeInformation.OSArchitecture switch
        {
            Architecture.X64 => "linux-x64",
            Architecture.Arm64 => "linux-arm64",
            _ => null,
        };
        var r = Install("--dry-run", "--prefix", UniquePrefix());
        if (expected is null)
        {
            Assert.NotEqual(0, r.ExitCode);
            return;
        }
        Assert.True(r.ExitCode == 0, r.All);
        Assert.Contains($"rid {expected},", r.StdOut);
        Assert.Contains($"-r {expected} ", r.StdOut);
    }

    [Fact]
    public void From_uses_prebuilt_files_instead_of_publishing()
    {
        var r = Install("--dry-run", "--rid", "linux-arm64", "--from", "/srv/build/publish");
        Assert.True(r.ExitCode == 0, r.All);
        Assert.DoesNotContain(" publish ", r.StdOut.Replace("/publish", ""));
        Assert.Contains("+ cp -R -- /srv/build/publish/. /opt/mimiumd.new/", r.StdOut);
    }

    [Theory]
    [InlineData("unsupported --rid", "--rid", "win-x64")]
    [InlineData("unsupported --rid", "--rid", "linux-arm")]
    [InlineData("must be an absolute path", "--prefix", "relative/dir")]
    [InlineData("refusing --prefix", "--prefix", "/usr")]
    [InlineData("refusing --prefix", "--prefix", "/")]
    [InlineData("refusing --prefix", "--prefix", "/opt")]
    [InlineData("may contain only", "--prefix", "/opt/with space")]
    [InlineData("unknown argument", "--frobnicate")]
    [InlineData("needs a value", "--rid")]
    public void Bad_arguments_fail_before_doing_anything(string message, params string[] args)
    {
        var r = Install(["--dry-run", .. args]);
        Assert.NotEqual(0, r.ExitCode);
        Assert.Contains(message, r.StdErr);
        Assert.DoesNotContain("+ ", r.StdOut);
    }

    [Fact]
    public void Refuses_to_replace_a_foreign_non_empty_directory()
    {
        string dir = Directory.CreateTempSubdirectory("mimiumd-foreign-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(dir, "precious.txt"), "x");
            var r = Install("--dry-run", "--rid", "linux-x64", "--prefix", dir);
            Assert.NotEqual(0, r.ExitCode);
            Assert.Contains("not installed by this script", r.StdErr);

            File.WriteAllText(Path.Combine(dir, ".mimiumd-install"), "");
            r = Install("--dry-run", "--rid", "linux-x64", "--prefix", dir);
            Assert.True(r.ExitCode == 0, r.All);
            Assert.Contains($"+ mv -- {dir} {dir}.old", r.StdOut);
            Assert.True(File.Exists(Path.Combine(dir, "precious.txt")));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Help_describes_the_options()
    {
        var r = Install("--help");
        Assert.Equal(0, r.ExitCode);
        Assert.Contains("--rid linux-x64|linux-arm64", r.StdOut);
        Assert.Contains("--dry-run", r.StdOut);
        Assert.Contains("--prefix", r.StdOut);
    }
}
