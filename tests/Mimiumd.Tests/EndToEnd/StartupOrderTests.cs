using Mimiumd.Engine;
using Mimiumd.Tests.EndToEnd.Harness;

namespace Mimiumd.Tests.EndToEnd;

/// <summary>Which program the daemon plays first: Mimiumd:Program, else the saved state, else the embedded default.</summary>
public class StartupOrderTests
{
    private const string Saved = "fn dsp(){\n    let g = Control!(\"gain\", 0.5)\n    (g, g)\n}\n";

    private static void SaveState(string directory, string program, string parametersJson)
    {
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, ProgramStore.ProgramFile), program);
        File.WriteAllText(Path.Combine(directory, ProgramStore.ParametersFile), parametersJson);
    }

    [Fact]
    public async Task Configured_program_plays_first_even_when_a_state_is_saved()
    {
        using var state = new TempDirectory();
        SaveState(state.Path, Saved, """{ "gain": [0.25] }""");
        const string configured = "fn dsp(){ (0.125, 0.125) }\n";

        await using var daemon = await TestDaemon.StartAsync(new() { Program = configured, StateDirectory = state.Path });

        Assert.Equal(1, daemon.Engine.Live.Version);
        Assert.Equal(configured, daemon.Engine.Live.Source);
        await Wait.UntilAsync(() => daemon.Tap.Last(0) == 0.125f && daemon.Tap.Last(1) == 0.125f, "the configured program's level is heard");
    }

    [Fact]
    public async Task Without_a_configured_program_the_saved_program_plays_with_its_saved_parameter_values()
    {
        using var state = new TempDirectory();
        SaveState(state.Path, Saved, """{ "gain": [0.25] }""");

        await using var daemon = await TestDaemon.StartAsync(new() { StateDirectory = state.Path });

        Assert.Equal(1, daemon.Engine.Live.Version);
        Assert.Equal(Saved, daemon.Engine.Live.Source);
        Assert.Equal(0.25, daemon.Engine.Parameters.Latest("gain", 0));
        // The saved value, not the program's initial 0.5, reaches the audio.
        await Wait.UntilAsync(() => daemon.Tap.Last(0) == 0.25f, "the saved gain 0.25 is heard");
    }

    [Fact]
    public async Task With_neither_the_embedded_default_plays_with_its_gain_and_freq_parameters()
    {
        await using var daemon = await TestDaemon.StartAsync();

        Assert.Equal(1, daemon.Engine.Live.Version);
        Assert.Equal(DaemonEngine.DefaultProgram, daemon.Engine.Live.Source);
        Assert.True(daemon.Engine.Parameters.TryGet("gain", out var gain) && gain.Width == 1);
        Assert.True(daemon.Engine.Parameters.TryGet("freq", out var freq) && freq.Width == 1);
        Assert.Equal(0.1, daemon.Engine.Parameters.Latest("gain", 0));
        Assert.Equal(220.0, daemon.Engine.Parameters.Latest("freq", 0));
        // A quiet sine: audible, never above the gain.
        float loudest = 0;
        await Wait.UntilAsync(() => (loudest = Math.Max(loudest, daemon.Tap.LastBlockPeak)) > 0.01f, "the default program makes a sound");
        Assert.True(loudest <= 0.1f + 1e-6f, $"peak {loudest} exceeds the default gain 0.1");
    }

    [Fact]
    public async Task A_configured_program_that_does_not_compile_falls_through_to_the_saved_one()
    {
        using var state = new TempDirectory();
        SaveState(state.Path, Saved, """{ "gain": [0.25] }""");

        await using var daemon = await TestDaemon.StartAsync(new() { Program = "fn dsp(){ (0.1, \n", StateDirectory = state.Path });

        Assert.Equal(Saved, daemon.Engine.Live.Source);
        Assert.Equal(0.25, daemon.Engine.Parameters.Latest("gain", 0));
    }

    [Fact]
    public async Task A_missing_configured_program_falls_through_to_the_saved_one()
    {
        using var state = new TempDirectory();
        SaveState(state.Path, Saved, "{}");

        await using var daemon = await TestDaemon.StartAsync(new() { ProgramPath = Path.Combine(state.Path, "no-such-file.mmm"), StateDirectory = state.Path });

        Assert.Equal(Saved, daemon.Engine.Live.Source);
    }

    [Fact]
    public async Task An_unreadable_configured_program_falls_through_instead_of_failing_startup()
    {
        // A directory stands in for any unreadable path (permissions cannot be tested as root).
        using var state = new TempDirectory();
        using var elsewhere = new TempDirectory();
        SaveState(state.Path, Saved, "{}");
        var directory = Directory.CreateDirectory(elsewhere.File("a-directory.mmm")).FullName;

        await using var daemon = await TestDaemon.StartAsync(new() { ProgramPath = directory, StateDirectory = state.Path });

        Assert.Equal(Saved, daemon.Engine.Live.Source);
    }

    [Fact]
    public async Task A_saved_program_that_no_longer_compiles_falls_through_to_the_default()
    {
        using var state = new TempDirectory();
        SaveState(state.Path, "fn dsp(){ undefined_thing }\n", "{}");

        await using var daemon = await TestDaemon.StartAsync(new() { StateDirectory = state.Path });

        Assert.Equal(DaemonEngine.DefaultProgram, daemon.Engine.Live.Source);
    }

    [Fact]
    public async Task A_damaged_parameter_file_does_not_keep_the_saved_program_from_playing()
    {
        using var state = new TempDirectory();
        SaveState(state.Path, Saved, "{ this is not json");

        await using var daemon = await TestDaemon.StartAsync(new() { StateDirectory = state.Path });

        Assert.Equal(Saved, daemon.Engine.Live.Source);
        Assert.Equal(0.5, daemon.Engine.Parameters.Latest("gain", 0));
    }
}
