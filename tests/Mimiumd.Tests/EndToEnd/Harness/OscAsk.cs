using Mimiumd.Osc;
using Mimiumd.Osc.Transport;

namespace Mimiumd.Tests.EndToEnd.Harness;

internal static class OscAsk
{
    public static readonly TimeSpan ReplyTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Whether <paramref name="reply"/> answers a request to <paramref name="address"/>:
    /// `/done ADDRESS …`, `/fail ADDRESS …`, `ADDRESS.reply`, `/mimium/code.reply` (for /mimium/code/get) or `/mimium/synced`.</summary>
    public static bool Answers(OscMessage reply, string address) =>
        reply.Address is "/done" or "/fail" ? reply.Args.Count > 0 && reply.Args[0] is OscArgument.String s && s.Value == address
        : address switch
        {
            "/mimium/sync" => reply.Address == "/mimium/synced",
            "/mimium/code/get" => reply.Address == "/mimium/code.reply",
            _ => reply.Address == address + ".reply",
        };

    /// <summary>Sends a request and returns its answer (see <see cref="Answers"/>).</summary>
    public static Task<OscMessage> AskAsync(this OscClient client, string address, params OscArgument[] args) =>
        client.SendAndWaitAsync(new OscMessage(address, args), m => Answers(m, address), ReplyTimeout);

    public static string Str(this OscMessage m, int index) => Assert.IsType<OscArgument.String>(m.Args[index]).Value;

    public static int Int(this OscMessage m, int index) => Assert.IsType<OscArgument.Int32>(m.Args[index]).Value;

    public static void AssertDone(OscMessage reply, string address)
    {
        Assert.True(reply.Address == "/done" && reply.Str(0) == address, $"expected /done {address}, got {reply}");
    }

    /// <summary>Asserts `/fail ADDRESS message…` and returns the message.</summary>
    public static string AssertFail(OscMessage reply, string address)
    {
        Assert.True(reply.Address == "/fail" && reply.Args.Count >= 2 && reply.Str(0) == address, $"expected /fail {address} …, got {reply}");
        return reply.Str(1);
    }
}
