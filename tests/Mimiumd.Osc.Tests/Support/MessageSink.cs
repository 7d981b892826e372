using System.Threading.Channels;
using Mimiumd.Osc.Transport;

namespace Mimiumd.Osc.Tests.Support;

/// <summary>A server handler that records messages and can answer them.</summary>
internal sealed class MessageSink
{
    private readonly Channel<OscInboundMessage> _received = Channel.CreateUnbounded<OscInboundMessage>();

    /// <summary>Reply for each message, or null to stay silent. Throwing here exercises the server's fault handling.</summary>
    public Func<OscMessage, OscPacket?> Respond { get; init; } = _ => null;

    public async ValueTask HandleAsync(OscInboundMessage inbound, CancellationToken cancellationToken)
    {
        OscPacket? reply = Respond(inbound.Message);
        _received.Writer.TryWrite(inbound);
        if (reply is not null)
        {
            await inbound.Reply.SendAsync(reply, cancellationToken);
        }
    }

    public async Task<OscInboundMessage> NextAsync() =>
        await _received.Reader.ReadAsync().AsTask().WaitAsync(Eventually.Timeout);

    /// <summary>Echoes every message back under "/echo" + its address.</summary>
    public static MessageSink Echo() => new() { Respond = m => new OscMessage("/echo" + m.Address, m.Args) };
}
