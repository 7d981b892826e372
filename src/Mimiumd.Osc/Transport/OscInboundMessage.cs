using System.Net;

namespace Mimiumd.Osc.Transport;

/// <summary>Sends packets back to whoever sent the message being handled.</summary>
public interface IOscReplyChannel
{
    /// <summary>UDP: a datagram to the sender's endpoint. TCP: a frame on the same connection, same framing.</summary>
    ValueTask SendAsync(OscPacket packet, CancellationToken cancellationToken = default);
}

/// <summary>A received message with where it came from and how to answer.</summary>
/// <param name="BundleTime">Time tag of the innermost bundle that carried it; null for a bare message. Not acted upon by the server.</param>
public sealed record OscInboundMessage(
    OscMessage Message,
    OscTimeTag? BundleTime,
    OscTransportKind Transport,
    IPEndPoint RemoteEndPoint,
    IOscReplyChannel Reply);

/// <summary>
/// Called once per message, in arrival order; the next message waits until the returned task
/// completes, so a handler sees messages from one socket or connection strictly in sequence.
/// Exceptions are logged and counted, never propagated.
/// </summary>
public delegate ValueTask OscMessageHandler(OscInboundMessage message, CancellationToken cancellationToken);
