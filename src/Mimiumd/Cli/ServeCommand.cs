using System.CommandLine;
using Microsoft.Extensions.Hosting;
using Mimiumd.Hosting;

namespace Mimiumd.Cli;

/// <summary>`mimiumd serve` (the default): the daemon.</summary>
public static class ServeCommand
{
    public static readonly Option<FileInfo?> Config = new("--config") { Description = "configuration file (default: config/mimiumd.json)" };
    public static readonly Option<string?> Bind = new("--bind") { Description = "address for OSC (default 127.0.0.1)" };
    public static readonly Option<int?> OscPort = new("--osc-port") { Description = "UDP and TCP port for OSC (default 57140)" };
    public static readonly Option<string?> Audio = new("--audio") { Description = "alsa:DEVICE, null or wav:FILE" };
    public static readonly Option<DirectoryInfo?> StateDir = new("--state-dir") { Description = "where the last program and parameters are kept" };
    public static readonly Option<FileInfo?> Program = new("--program") { Description = "program to play at start" };
    public static readonly Option<bool> Unpaced = new("--unpaced") { Description = "null/wav output: render as fast as possible" };

    public static Command Build()
    {
        var cmd = new Command("serve", "run the daemon: audio output plus the OSC control surface (the default)");
        AddOptions(cmd);
        cmd.SetAction(parse => Run(parse));
        return cmd;
    }

    public static void AddOptions(Command cmd)
    {
        foreach (var o in new Option[] { Config, Bind, OscPort, Audio, StateDir, Program, Unpaced }) cmd.Options.Add(o);
    }

    public static DaemonHost.Overrides OverridesFrom(ParseResult parse) => new()
    {
        ConfigFile = parse.GetValue(Config)?.FullName,
        Bind = parse.GetValue(Bind),
        OscPort = parse.GetValue(OscPort),
        Audio = parse.GetValue(Audio),
        StateDirectory = parse.GetValue(StateDir)?.FullName,
        Program = parse.GetValue(Program)?.FullName,
        Unpaced = parse.GetValue(Unpaced),
    };

    public static int Run(ParseResult parse)
    {
        try
        {
            using var host = DaemonHost.BuildServe(OverridesFrom(parse));
            host.Run();
            return 0;
        }
        catch (Exception ex) when (ex is FormatException or IOException or System.Net.Sockets.SocketException or InvalidOperationException)
        {
            Console.Error.WriteLine($"mimiumd: {ex.Message}");
            return 1;
        }
    }
}
