using System.Net;
using Microsoft.Extensions.Logging;

namespace Mimiumd.Osc.Transport;

internal static partial class OscLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "OSC {Transport} server listening on {EndPoint}")]
    public static partial void Listening(ILogger logger, OscTransportKind transport, IPEndPoint endPoint);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dropped malformed OSC packet from {Remote} over {Transport}: {Reason}")]
    public static partial void MalformedPacket(ILogger logger, EndPoint remote, OscTransportKind transport, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "OSC handler failed for {Address} from {Remote}")]
    public static partial void HandlerFailed(ILogger logger, Exception exception, string address, EndPoint remote);

    [LoggerMessage(Level = LogLevel.Warning, Message = "OSC {Transport} receive failed; continuing")]
    public static partial void ReceiveFailed(ILogger logger, Exception exception, OscTransportKind transport);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused OSC TCP connection from {Remote}: {Limit} connections already open")]
    public static partial void ConnectionRefused(ILogger logger, EndPoint? remote, int limit);

    [LoggerMessage(Level = LogLevel.Debug, Message = "OSC TCP connection from {Remote} uses {Framing} framing")]
    public static partial void FramingDetected(ILogger logger, EndPoint remote, OscTcpFraming framing);

    [LoggerMessage(Level = LogLevel.Debug, Message = "OSC TCP connection from {Remote} closed")]
    public static partial void ConnectionClosed(ILogger logger, Exception? exception, EndPoint remote);
}
