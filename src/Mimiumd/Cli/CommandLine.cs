using System.CommandLine;

namespace Mimiumd.Cli;

/// <summary>The `mimiumd` verbs.</summary>
public static class CommandLine
{
    public static RootCommand Build()
    {
        var root = new RootCommand("mimiumd — a headless live-coding audio daemon for the mimium language");
        root.Subcommands.Add(RenderCommand.Build());
        return root;
    }
}
