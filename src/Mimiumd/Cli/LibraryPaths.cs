namespace Mimiumd.Cli;

/// <summary>Where `include` looks first: MIMIUM_LIB_PATH entries, then the library shipped with mimiumd.</summary>
public static class LibraryPaths
{
    public static IReadOnlyList<string> Resolve()
    {
        var paths = new List<string>();
        var env = Environment.GetEnvironmentVariable("MIMIUM_LIB_PATH");
        if (!string.IsNullOrEmpty(env)) paths.AddRange(env.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries));
        var shipped = Path.Combine(AppContext.BaseDirectory, "lib");
        if (Directory.Exists(shipped)) paths.Add(shipped);
        return paths;
    }
}
