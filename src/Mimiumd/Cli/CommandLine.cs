using System.CommandLine;

namespace Mimiumd.Cli;

/// <summary>The `mimiumd` verbs; `serve` is what runs when no verb is given.</summary>
public static class CommandLine
{
    public static RootCommand Build()
    {
        var root = new RootCommand("mimiumd — a headless live-coding audio daemon for the mimium language");
        root.Subcommands.Add(ServeCommand.Build());
        root.Subcommands.Add(RenderCommand.Build());
        root.Subcommands.Add(RunCommand.Build());
        root.Subcommands.Add(RemoteCommands.Send());
        root.Subcommands.Add(RemoteCommands.Status());
        ServeCommand.AddOptions(root);
        root.SetAction(parse => ServeCommand.Run(parse));
        return root;
    }
}
