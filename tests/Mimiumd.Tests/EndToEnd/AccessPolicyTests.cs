using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using Mimiumd.Control;
using Mimiumd.Engine;
using Mimiumd.Hosting;
using Mimiumd.Osc;
using Mimiumd.Osc.Transport;
using Mimiumd.Tests.EndToEnd.Harness;

namespace Mimiumd.Tests.EndToEnd;

/// <summary>
/// The access policy applies only to non-loopback binds, which the end-to-end tests must not open;
/// so the policy is tested directly, and through the real router with the requests' source addresses
/// set as a remote client's would be.
/// </summary>
public class AccessPolicyTests
{
    private static AccessPolicy Policy(string bind, string secret = "", params string[] networks) =>
        new(new OscOptions { Bind = bind, SharedSecret = secret, AllowedNetworks = networks.Length > 0 ? networks.ToList() : new OscOptions().AllowedNetworks });

    [Theory]
    [InlineData("127.0.0.1", false)]
    [InlineData("127.8.9.10", false)]
    [InlineData("::1", false)]
    [InlineData("0.0.0.0", true)]
    [InlineData("192.0.2.1", true)]
    [InlineData("::", true)]
    [InlineData("2001:db8::5", true)]
    [InlineData("not-an-address", true)]
    public void IsExposed_for_anything_but_loopback(string bind, bool exposed)
    {
        Assert.Equal(exposed, Policy(bind).IsExposed);
    }

    [Fact]
    public void On_loopback_everyone_is_heard_and_nothing_needs_a_secret()
    {
        var policy = Policy("127.0.0.1", "", "10.0.0.0/8");

        Assert.True(policy.IsAllowed(IPAddress.Parse("203.0.113.7")));
        Assert.True(policy.Authorizes(null));
        Assert.True(policy.Authorizes("anything"));
    }

    [Theory]
    [InlineData("192.0.2.55", true)]
    [InlineData("192.0.2.0", true)]
    [InlineData("192.0.2.255", true)]
    [InlineData("192.0.3.1", false)]
    [InlineData("10.1.2.3", true)]
    [InlineData("10.1.3.255", true)]
    [InlineData("10.1.4.0", false)]
    [InlineData("10.1.1.255", false)]
    [InlineData("::ffff:192.0.2.7", true)]
    [InlineData("::ffff:192.0.3.7", false)]
    [InlineData("::ffff:10.1.3.1", true)]
    [InlineData("2001:db8:1::1", true)]
    [InlineData("2001:db9::1", false)]
    [InlineData("127.0.0.1", false)]
    [InlineData("::1", false)]
    [InlineData("fe80::1", false)]
    public void When_exposed_only_allowed_networks_are_heard(string remote, bool allowed)
    {
        var policy = Policy("0.0.0.0", "s3cret", "192.0.2.0/24", "10.1.2.0/23", "2001:db8::/32");

        Assert.Equal(allowed, policy.IsAllowed(IPAddress.Parse(remote)));
    }

    [Fact]
    public void Single_addresses_and_zero_prefixes_match_as_cidr_says()
    {
        var single = Policy("::", "s", "198.51.100.4");
        Assert.True(single.IsAllowed(IPAddress.Parse("198.51.100.4")));
        Assert.False(single.IsAllowed(IPAddress.Parse("198.51.100.5")));

        var anyV4 = Policy("::", "s", "0.0.0.0/0");
        Assert.True(anyV4.IsAllowed(IPAddress.Parse("203.0.113.9")));
        Assert.True(anyV4.IsAllowed(IPAddress.Parse("::ffff:203.0.113.9")));
        Assert.False(anyV4.IsAllowed(IPAddress.Parse("2001:db8::1")));
    }

    [Fact]
    public void The_secret_is_required_and_compared_exactly_when_exposed()
    {
        var policy = Policy("0.0.0.0", "s3cret");

        Assert.True(policy.Authorizes("s3cret"));
        Assert.False(policy.Authorizes(null));
        Assert.False(policy.Authorizes(""));
        Assert.False(policy.Authorizes("S3CRET"));
        Assert.False(policy.Authorizes("s3cret "));
        Assert.False(policy.Authorizes("s3cre"));
        Assert.False(policy.Authorizes("s3crets3cret"));
    }

    [Fact]
    public void Without_a_configured_secret_privileged_commands_are_refused_when_exposed()
    {
        var policy = Policy("0.0.0.0", "");

        Assert.False(policy.Authorizes(null));
        Assert.False(policy.Authorizes(""));
        Assert.False(policy.Authorizes("anything"));
    }

    [Theory]
    [InlineData("10.0.0.0/8", true, 8)]
    [InlineData("10.0.0.1", true, 32)]
    [InlineData("::1/128", true, 128)]
    [InlineData("2001:db8::", true, 128)]
    [InlineData("10.0.0.0/0", true, 0)]
    [InlineData("10.0.0.0/33", false, 0)]
    [InlineData("::/129", false, 0)]
    [InlineData("10.0.0.0/-1", false, 0)]
    [InlineData("10.0.0.0/", false, 0)]
    [InlineData("10.0.0.0/x", false, 0)]
    [InlineData("example.org/8", false, 0)]
    [InlineData("", false, 0)]
    public void Cidr_parsing(string text, bool ok, int prefix)
    {
        Assert.Equal(ok, AccessPolicy.TryParseCidr(text, out _, out var parsed));
        if (ok) Assert.Equal(prefix, parsed);
    }

    [Fact]
    public void A_bad_allowed_network_is_a_configuration_error()
    {
        Assert.Throws<FormatException>(() => Policy("0.0.0.0", "s", "10.0.0.0/99"));
    }
}

/// <summary>The real router behind an exposed policy, fed requests as if from remote clients.</summary>
public class ExposedRouterTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    private sealed class Replies : IOscReplyChannel
    {
        public List<OscMessage> Sent { get; } = new();

        public ValueTask SendAsync(OscPacket packet, CancellationToken cancellationToken = default)
        {
            lock (Sent) Sent.Add((OscMessage)packet);
            return ValueTask.CompletedTask;
        }
    }

    private (OscRouter Router, DaemonEngine Engine) Create(string secret)
    {
        var options = new DaemonOptions { StateDirectory = _temp.File("state") };
        options.Osc.Bind = "0.0.0.0";
        options.Osc.SharedSecret = secret;
        options.Osc.AllowedNetworks = ["192.0.2.0/24"];
        var engine = new DaemonEngine(options, NullLogger<DaemonEngine>.Instance);
        engine.Push("<test>", "fn dsp(){\n    let g = Control!(\"gain\", 0.5)\n    (g, g)\n}\n");
        var access = new AccessPolicy(options.Osc);
        Assert.True(access.IsExposed);
        var router = new OscRouter(engine, access, new NotifyHub(4, NullLogger.Instance),
            () => new StatusSnapshot("playing", engine.Live.Version, 48000, 256, 0, 0, 0, "running", "null", 1, 0, 0, 0), NullLogger.Instance);
        router.StartPushWorker(CancellationToken.None);
        return (router, engine);
    }

    /// <summary>
    /// Sends one message and collects the replies. Accepted code pushes are compiled by the
    /// router's worker and answered later, so a push waits (bounded) for its reply.
    /// </summary>
    private static async Task<List<OscMessage>> SendAsync(OscRouter router, string from, OscMessage message)
    {
        var replies = new Replies();
        await router.HandleAsync(new OscInboundMessage(message, null, OscTransportKind.Udp, new IPEndPoint(IPAddress.Parse(from), 40000), replies), CancellationToken.None);
        if (message.Address == "/mimium/code" && router.DeniedPackets == 0)
        {
            for (var i = 0; i < 200 && replies.Sent.Count == 0; i++) await Task.Delay(50);
        }
        return replies.Sent;
    }

    [Fact]
    public async Task Strangers_get_no_answer_at_all()
    {
        var (router, _) = Create("s3cret");

        Assert.Empty(await SendAsync(router, "203.0.113.5", new OscMessage("/mimium/status")));
        Assert.Empty(await SendAsync(router, "203.0.113.5", new OscMessage("/mimium/code", "fn dsp(){ 0.0 }", "s3cret")));
        Assert.Empty(await SendAsync(router, "127.0.0.1", new OscMessage("/mimium/sync", 1)));
        Assert.Equal(3, router.DeniedPackets);
    }

    [Fact]
    public async Task Code_pushes_and_transport_commands_need_the_secret_as_their_last_argument()
    {
        var (router, engine) = Create("s3cret");
        const string from = "192.0.2.20";
        const string source = "fn dsp(){ (0.1, 0.1) }\n";

        var noSecret = Assert.Single(await SendAsync(router, from, new OscMessage("/mimium/code", source)));
        Assert.Contains("not authorized", OscAsk.AssertFail(noSecret, "/mimium/code"));
        var wrong = Assert.Single(await SendAsync(router, from, new OscMessage("/mimium/code", source, "guess")));
        Assert.Contains("not authorized", OscAsk.AssertFail(wrong, "/mimium/code"));
        Assert.Equal(1, engine.Live.Version);

        OscAsk.AssertDone(Assert.Single(await SendAsync(router, "::ffff:192.0.2.20", new OscMessage("/mimium/code", source, "s3cret"))), "/mimium/code");
        Assert.Equal(source, engine.Live.Source);

        foreach (var command in new[] { "/mimium/stop", "/mimium/pause", "/mimium/play", "/mimium/panic" })
        {
            Assert.Contains("not authorized", OscAsk.AssertFail(Assert.Single(await SendAsync(router, from, new OscMessage(command))), command));
            Assert.Contains("not authorized", OscAsk.AssertFail(Assert.Single(await SendAsync(router, from, new OscMessage(command, "nope"))), command));
        }
        Assert.Equal("Playing", engine.Live.Transport.ToString());
        Assert.Equal(new OscMessage("/done", "/mimium/stop", "stopped"), Assert.Single(await SendAsync(router, from, new OscMessage("/mimium/stop", "s3cret"))));
    }

    [Fact]
    public async Task Queries_and_parameters_need_no_secret()
    {
        var (router, engine) = Create("s3cret");
        const string from = "192.0.2.20";

        Assert.Equal("/mimium/status.reply", Assert.Single(await SendAsync(router, from, new OscMessage("/mimium/status"))).Address);
        Assert.Equal(new OscMessage("/mimium/synced", 3), Assert.Single(await SendAsync(router, from, new OscMessage("/mimium/sync", 3))));
        OscAsk.AssertDone(Assert.Single(await SendAsync(router, from, new OscMessage("/gain", 0.25f))), "/gain");
        Assert.Equal(0.25, engine.Parameters.Latest("gain", 0));
    }

    [Fact]
    public async Task Without_a_configured_secret_nobody_may_push_or_change_transport()
    {
        var (router, engine) = Create("");
        const string from = "192.0.2.20";

        Assert.Contains("not authorized", OscAsk.AssertFail(Assert.Single(await SendAsync(router, from, new OscMessage("/mimium/code", "fn dsp(){ 0.0 }", ""))), "/mimium/code"));
        Assert.Contains("not authorized", OscAsk.AssertFail(Assert.Single(await SendAsync(router, from, new OscMessage("/mimium/stop", ""))), "/mimium/stop"));
        Assert.Equal(1, engine.Live.Version);
    }
}
