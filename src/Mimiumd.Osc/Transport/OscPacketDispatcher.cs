using System.Net;
using Microsoft.Extensions.Logging;

namespace Mimiumd.Osc.Transport;

/// <summary>Shared by both servers: decode, count, flatten bundles, and shield the loop from handler faults.</summary>
internal sealed class OscPacketDispatcher(OscMessageHandler handler, OscLimits limits, OscServerCounters counters, ILogger logger)
{
    public OscServerCounters Counters => counters;

    public async ValueTask DispatchAsync(
        ReadOnlyMemory<byte> data,
        OscTransportKind transport,
        IPEndPoint remote,
        IOscReplyChannel reply,
        CancellationToken cancellationToken)
    {
        counters.PacketReceived();
        if (!OscCodec.TryDecode(data.Span, limits, out OscPacket? packet, out string error))
        {
            counters.MalformedDrop();
            OscLog.MalformedPacket(logger, remote, transport, error);
            return;
        }

        foreach (OscTimedMessage timed in packet.EnumerateMessages())
        {
            var inbound = new OscInboundMessage(timed.Message, timed.BundleTime, transport, remote, reply);
            try
            {
                await handler(inbound, cancellationToken).ConfigureAwait(false);
                counters.MessageHandled();
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception exception)
            {
                counters.HandlerFailed();
                OscLog.HandlerFailed(logger, exception, timed.Message.Address, remote);
            }
        }
    }

    /// <summary>For frames the stream layer already knows are bad; they count as received and malformed.</summary>
    public void RejectFrame(string reason, IPEndPoint remote)
    {
        counters.PacketReceived();
        counters.MalformedDrop();
        OscLog.MalformedPacket(logger, remote, OscTransportKind.Tcp, reason);
    }
}
