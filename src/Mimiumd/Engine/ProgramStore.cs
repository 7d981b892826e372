using System.Text.Json;

namespace Mimiumd.Engine;

/// <summary>
/// Keeps the last program that compiled and ran, with its parameter values, in the state
/// directory, so an installation resumes after a power cut. Writes are atomic: a temporary file
/// is flushed to disk and renamed over the old one, so a cut mid-write leaves the previous state.
/// </summary>
public sealed class ProgramStore(string directory)
{
    public const string ProgramFile = "program.mmm";
    public const string ParametersFile = "parameters.json";

    public string Directory { get; } = directory;

    public sealed record Saved(string Source, IReadOnlyDictionary<string, double[]> Parameters);

    public void SaveProgram(string source) => WriteAtomically(ProgramFile, source);

    public void SaveParameters(IReadOnlyDictionary<string, double[]> parameters) =>
        WriteAtomically(ParametersFile, JsonSerializer.Serialize(parameters, new JsonSerializerOptions { WriteIndented = true }));

    /// <summary>The saved program and parameters, or null when nothing usable is there.</summary>
    public Saved? Load()
    {
        var programPath = Path.Combine(Directory, ProgramFile);
        if (!File.Exists(programPath)) return null;
        var source = File.ReadAllText(programPath);
        var parameters = new Dictionary<string, double[]>();
        var paramPath = Path.Combine(Directory, ParametersFile);
        if (File.Exists(paramPath))
        {
            try
            {
                parameters = JsonSerializer.Deserialize<Dictionary<string, double[]>>(File.ReadAllText(paramPath)) ?? parameters;
            }
            catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException)
            {
                // A damaged parameter file must not keep the program from playing.
            }
        }
        return new Saved(source, parameters);
    }

    private void WriteAtomically(string name, string content)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var target = Path.Combine(Directory, name);
        var temp = target + ".tmp";
        using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            var bytes = System.Text.Encoding.UTF8.GetBytes(content);
            stream.Write(bytes);
            stream.Flush(flushToDisk: true);
        }
        File.Move(temp, target, overwrite: true);
    }
}
