using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Mimiumd.Osc.Tests.Interop;

/// <summary>Runs the liblo command-line tools (Debian package liblo-tools) as an independent OSC implementation.</summary>
internal static class Liblo
{
    public const string MissingReason =
        "liblo-tools is not installed (oscsend/oscdump not on PATH); install it with `apt-get install -y liblo-tools` to run the interop tests";

    private static readonly TimeSpan ProcessTimeout = TimeSpan.FromSeconds(10);

    public static bool IsInstalled { get; } = FindOnPath("oscsend") is not null && FindOnPath("oscdump") is not null;

    /// <summary>Runs oscsend to completion and returns its standard output as raw bytes.</summary>
    public static async Task<byte[]> OscSendAsync(params string[] arguments)
    {
        using Process process = Start("oscsend", arguments);
        using var stdout = new MemoryStream();
        try
        {
            Task<string> stderr = process.StandardError.ReadToEndAsync();
            await process.StandardOutput.BaseStream.CopyToAsync(stdout).WaitAsync(ProcessTimeout);
            await process.WaitForExitAsync().WaitAsync(ProcessTimeout);
            Assert.True(process.ExitCode == 0, $"oscsend {string.Join(' ', arguments)} exited {process.ExitCode}: {await stderr}");
            return stdout.ToArray();
        }
        finally
        {
            StopIfRunning(process);
        }
    }

    public static Process Start(string tool, params string[] arguments)
    {
        var startInfo = new ProcessStartInfo(tool)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        return Process.Start(startInfo) ?? throw new InvalidOperationException($"could not start {tool}");
    }

    public static void StopIfRunning(Process process)
    {
        if (!process.HasExited)
        {
            process.Kill();
            process.WaitForExit(ProcessTimeout);
        }
    }

    /// <summary>A loopback port that was free a moment ago, for tools that cannot report the port they bound.</summary>
    public static int FreePort(SocketType type)
    {
        ProtocolType protocol = type == SocketType.Dgram ? ProtocolType.Udp : ProtocolType.Tcp;
        using var probe = new Socket(AddressFamily.InterNetwork, type, protocol);
        probe.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)probe.LocalEndPoint!).Port;
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, name))
            .FirstOrDefault(File.Exists);
}

/// <summary>A fact that is skipped, with instructions, when liblo-tools is absent.</summary>
public sealed class LibloFactAttribute : FactAttribute
{
    public LibloFactAttribute()
    {
        if (!Liblo.IsInstalled)
        {
            Skip = Liblo.MissingReason;
        }
    }
}

/// <summary>A theory that is skipped, with instructions, when liblo-tools is absent.</summary>
public sealed class LibloTheoryAttribute : TheoryAttribute
{
    public LibloTheoryAttribute()
    {
        if (!Liblo.IsInstalled)
        {
            Skip = Liblo.MissingReason;
        }
    }
}
