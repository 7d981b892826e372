using System.Text.Json;
using Mimiumd.Engine;
using Mimiumd.Osc;
using Mimiumd.Osc.Transport;
using Mimiumd.Tests.EndToEnd.Harness;

namespace Mimiumd.Tests.EndToEnd;

/// <summary>`Control!` parameters set over OSC, both by `/mimium/param` and by mimium's `/NAME` convention.</summary>
public class ParameterTests
{
    // Three output channels so that each value can be heard on its own: (gain, pan 0, pan 1).
    private const string Program = "fn dsp(){\n    let g = Control!(\"gain\", 0.5)\n    let (a, b) = Control!(\"pan\", (0.1, 0.2))\n    (g, a, b)\n}\n";

    private static Task<TestDaemon> StartAsync() => TestDaemon.StartAsync(new()
    {
        Program = Program,
        Settings = new Dictionary<string, string?> { ["Mimiumd:Audio:Channels"] = "3" },
    });

    private static async Task SetAsync(OscClient client, string address, params OscArgument[] args)
    {
        var reply = await client.AskAsync(address, args);
        OscAsk.AssertDone(reply, address);
        Assert.Equal(",s", reply.TypeTags);
    }

    private static Task HeardAsync(TestDaemon daemon, float gain, float pan0, float pan1) =>
        Wait.UntilAsync(() => daemon.Tap.Last(0) == gain && daemon.Tap.Last(1) == pan0 && daemon.Tap.Last(2) == pan1,
            $"(gain, pan) = ({gain}, {pan0}, {pan1}) is heard; last frame ({daemon.Tap.Last(0)}, {daemon.Tap.Last(1)}, {daemon.Tap.Last(2)})");

    [Fact]
    public async Task Initial_values_are_heard()
    {
        await using var daemon = await StartAsync();

        await HeardAsync(daemon, 0.5f, 0.1f, 0.2f);
    }

    [Fact]
    public async Task Named_and_address_forms_are_done_and_reach_the_audio()
    {
        await using var daemon = await StartAsync();
        var client = await daemon.UdpClientAsync();
        var p = daemon.Engine.Parameters;

        await SetAsync(client, "/mimium/param", "gain", 0.25f);
        Assert.Equal(0.25, p.Latest("gain", 0));
        await HeardAsync(daemon, 0.25f, 0.1f, 0.2f);

        await SetAsync(client, "/pan/1", 0.9f);
        Assert.Equal(0.9f, (float)p.Latest("pan", 1));
        await HeardAsync(daemon, 0.25f, 0.1f, 0.9f);

        await SetAsync(client, "/pan", 0.3f, 0.4f);
        await HeardAsync(daemon, 0.25f, 0.3f, 0.4f);

        // The documented leaf form of /mimium/param: s:name i:leaf value.
        await SetAsync(client, "/mimium/param", "pan", 1, 0.75f);
        await HeardAsync(daemon, 0.25f, 0.3f, 0.75f);

        await SetAsync(client, "/mimium/param", "pan", 0.125, 0.375);
        await HeardAsync(daemon, 0.25f, 0.125f, 0.375f);

        await SetAsync(client, "/pan/0", 0);
        await HeardAsync(daemon, 0.25f, 0f, 0.375f);
    }

    public static TheoryData<OscArgument, double> NumberTypes => new()
    {
        { new OscArgument.Int32(1), 1.0 },
        { new OscArgument.Float32(0.75f), 0.75 },
        { new OscArgument.Float64(0.625), 0.625 },
        { new OscArgument.Int64(0L), 0.0 },
    };

    [Theory]
    [MemberData(nameof(NumberTypes))]
    public async Task Every_numeric_type_is_accepted_and_coerced(OscArgument value, double expected)
    {
        await using var daemon = await StartAsync();
        var client = await daemon.UdpClientAsync();

        await SetAsync(client, "/gain", value);
        Assert.Equal(expected, daemon.Engine.Parameters.Latest("gain", 0));
        await HeardAsync(daemon, (float)expected, 0.1f, 0.2f);

        await SetAsync(client, "/mimium/param", "gain", value);
        await SetAsync(client, "/pan/1", value);
        Assert.Equal(expected, daemon.Engine.Parameters.Latest("pan", 1));
    }

    [Fact]
    public async Task Address_form_with_int_arguments_sets_all_leaves_of_a_tuple_parameter()
    {
        await using var daemon = await StartAsync();
        var client = await daemon.UdpClientAsync();

        await SetAsync(client, "/pan", 1, 0.5f);
        Assert.Equal(1.0, daemon.Engine.Parameters.Latest("pan", 0));
        Assert.Equal(0.5, daemon.Engine.Parameters.Latest("pan", 1));

        await SetAsync(client, "/pan", 0, 1);
        Assert.Equal(0.0, daemon.Engine.Parameters.Latest("pan", 0));
        Assert.Equal(1.0, daemon.Engine.Parameters.Latest("pan", 1));
    }

    [Fact]
    public async Task Unknown_names_and_wrong_arguments_fail_and_change_nothing()
    {
        await using var daemon = await StartAsync();
        var client = await daemon.UdpClientAsync();

        Assert.Contains("no parameter", OscAsk.AssertFail(await client.AskAsync("/mimium/param", "nope", 1f), "/mimium/param"));
        Assert.Equal("not found", OscAsk.AssertFail(await client.AskAsync("/nope", 1f), "/nope"));
        Assert.Equal("not found", OscAsk.AssertFail(await client.AskAsync("/nope/1", 1f), "/nope/1"));
        Assert.Contains("no value 7", OscAsk.AssertFail(await client.AskAsync("/pan/7", 1f), "/pan/7"));
        Assert.Contains("no value 5", OscAsk.AssertFail(await client.AskAsync("/mimium/param", "pan", 5, 1f), "/mimium/param"));

        Assert.Contains("not a number", OscAsk.AssertFail(await client.AskAsync("/gain", "loud"), "/gain"));
        Assert.Contains("not a number", OscAsk.AssertFail(await client.AskAsync("/mimium/param", "gain", "loud"), "/mimium/param"));
        OscAsk.AssertFail(await client.AskAsync("/gain"), "/gain");
        OscAsk.AssertFail(await client.AskAsync("/gain", 0.1f, 0.2f), "/gain");
        OscAsk.AssertFail(await client.AskAsync("/pan", 0.1f), "/pan");
        OscAsk.AssertFail(await client.AskAsync("/pan", 0.1f, 0.2f, 0.3f), "/pan");
        OscAsk.AssertFail(await client.AskAsync("/pan/1", "x"), "/pan/1");
        OscAsk.AssertFail(await client.AskAsync("/pan/1", 0.1f, 0.2f), "/pan/1");
        OscAsk.AssertFail(await client.AskAsync("/mimium/param", 1f, 2f), "/mimium/param");
        OscAsk.AssertFail(await client.AskAsync("/mimium/param", "gain"), "/mimium/param");
        OscAsk.AssertFail(await client.AskAsync("/mimium/param"), "/mimium/param");
        OscAsk.AssertFail(await client.AskAsync("/gain", new OscArgument.Blob([1, 2, 3, 4])), "/gain");

        Assert.Equal(0.5, daemon.Engine.Parameters.Latest("gain", 0));
        Assert.Equal(0.1, daemon.Engine.Parameters.Latest("pan", 0));
        Assert.Equal(0.2, daemon.Engine.Parameters.Latest("pan", 1));
        Assert.False(daemon.Engine.Parameters.TryGet("nope", out _));
        await Wait.ForPeriodsAsync(daemon, 3);
        await HeardAsync(daemon, 0.5f, 0.1f, 0.2f);
    }

    [Fact]
    public async Task Values_survive_a_code_push_that_keeps_the_names()
    {
        await using var daemon = await StartAsync();
        var client = await daemon.UdpClientAsync();
        await SetAsync(client, "/gain", 0.375f);
        await SetAsync(client, "/pan", 0.25f, 0.125f);
        await HeardAsync(daemon, 0.375f, 0.25f, 0.125f);

        // Different initial values and a different arrangement; the names stay.
        const string reordered = "fn dsp(){\n    let (a, b) = Control!(\"pan\", (0.8, 0.7))\n    (b, a, Control!(\"gain\", 0.9))\n}\n";
        OscAsk.AssertDone(await client.AskAsync("/mimium/code", reordered), "/mimium/code");

        Assert.Equal(0.375, daemon.Engine.Parameters.Latest("gain", 0));
        await HeardAsync(daemon, 0.125f, 0.25f, 0.375f);
    }

    [Fact]
    public async Task A_push_that_changes_a_parameters_width_is_rejected()
    {
        await using var daemon = await StartAsync();
        var client = await daemon.UdpClientAsync();

        var reply = await client.AskAsync("/mimium/code", "fn dsp(){\n    let g = Control!(\"pan\", 0.5)\n    (g, g)\n}\n");

        Assert.Contains("pan", OscAsk.AssertFail(reply, "/mimium/code"));
        Assert.Equal(1, daemon.Engine.Live.Version);
        await HeardAsync(daemon, 0.5f, 0.1f, 0.2f);
    }

    [Fact]
    public async Task Values_are_saved_in_the_state_directory_within_a_second()
    {
        await using var daemon = await StartAsync();
        var client = await daemon.UdpClientAsync();
        var file = Path.Combine(daemon.StateDirectory, ProgramStore.ParametersFile);

        await SetAsync(client, "/gain", 0.375f);
        await SetAsync(client, "/pan/1", 0.625f);

        await Wait.UntilAsync(() => Saved(file) is { } saved && saved.TryGetValue("gain", out var g) && g.SequenceEqual([0.375])
                && saved.TryGetValue("pan", out var pan) && pan.SequenceEqual([0.1, 0.625]),
            $"{file} holds gain 0.375 and pan (0.1, 0.625)", TimeSpan.FromSeconds(1.5));
    }

    private static Dictionary<string, double[]>? Saved(string file)
    {
        try
        {
            return JsonSerializer.Deserialize<Dictionary<string, double[]>>(File.ReadAllText(file));
        }
        catch (Exception e) when (e is IOException or JsonException)
        {
            return null;
        }
    }
}
