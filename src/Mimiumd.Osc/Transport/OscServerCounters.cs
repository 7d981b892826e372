namespace Mimiumd.Osc.Transport;

/// <summary>Thread-safe running totals, for status reports and tests.</summary>
public sealed class OscServerCounters
{
    private long _packetsReceived;
    private long _malformedDropped;
    private long _messagesHandled;
    private long _handlerFailures;
    private long _repliesSent;
    private long _connectionsAccepted;
    private long _connectionsRejected;

    /// <summary>Datagrams or TCP frames received, malformed ones included.</summary>
    public long PacketsReceived => Interlocked.Read(ref _packetsReceived);

    /// <summary>Packets or frames dropped because they could not be decoded or exceeded a limit.</summary>
    public long MalformedDropped => Interlocked.Read(ref _malformedDropped);

    /// <summary>Messages the handler completed without throwing.</summary>
    public long MessagesHandled => Interlocked.Read(ref _messagesHandled);

    /// <summary>Messages whose handler threw.</summary>
    public long HandlerFailures => Interlocked.Read(ref _handlerFailures);

    public long RepliesSent => Interlocked.Read(ref _repliesSent);

    public long ConnectionsAccepted => Interlocked.Read(ref _connectionsAccepted);

    /// <summary>TCP connections closed on arrival because the connection limit was reached.</summary>
    public long ConnectionsRejected => Interlocked.Read(ref _connectionsRejected);

    internal void PacketReceived() => Interlocked.Increment(ref _packetsReceived);

    internal void MalformedDrop() => Interlocked.Increment(ref _malformedDropped);

    internal void MessageHandled() => Interlocked.Increment(ref _messagesHandled);

    internal void HandlerFailed() => Interlocked.Increment(ref _handlerFailures);

    internal void ReplySent() => Interlocked.Increment(ref _repliesSent);

    internal void ConnectionAccepted() => Interlocked.Increment(ref _connectionsAccepted);

    internal void ConnectionRejected() => Interlocked.Increment(ref _connectionsRejected);

    public override string ToString() =>
        $"received={PacketsReceived} malformed={MalformedDropped} handled={MessagesHandled} " +
        $"handlerFailures={HandlerFailures} replies={RepliesSent} connections={ConnectionsAccepted} rejected={ConnectionsRejected}";
}
