using System.Buffers.Binary;

namespace Mimiumd.Osc.Transport.Framing;

/// <summary>
/// OSC 1.0 stream framing: big-endian int32 length, then that many bytes. A bad length leaves no
/// way to find the next frame boundary, so it is fatal for the connection.
/// </summary>
internal sealed class LengthPrefixFrameDecoder(int maxFrameSize) : IFrameDecoder
{
    private readonly byte[] _header = new byte[sizeof(int)];
    private int _headerFilled;
    private byte[]? _payload;
    private int _payloadFilled;

    public OscTcpFraming Framing => OscTcpFraming.LengthPrefixed;

    public bool Feed(ReadOnlySpan<byte> chunk, List<FrameEvent> events)
    {
        while (!chunk.IsEmpty)
        {
            if (_payload is null)
            {
                int take = Math.Min(_header.Length - _headerFilled, chunk.Length);
                chunk[..take].CopyTo(_header.AsSpan(_headerFilled));
                _headerFilled += take;
                chunk = chunk[take..];
                if (_headerFilled < _header.Length)
                {
                    break;
                }

                _headerFilled = 0;
                int length = BinaryPrimitives.ReadInt32BigEndian(_header);
                if (length == 0)
                {
                    events.Add(FrameEvent.Rejected("zero-length frame"));
                    continue;
                }

                if (length < 0 || length > maxFrameSize)
                {
                    events.Add(FrameEvent.Rejected($"frame length {length} is outside 1..{maxFrameSize}"));
                    return false;
                }

                _payload = new byte[length];
                _payloadFilled = 0;
            }
            else
            {
                int take = Math.Min(_payload.Length - _payloadFilled, chunk.Length);
                chunk[..take].CopyTo(_payload.AsSpan(_payloadFilled));
                _payloadFilled += take;
                chunk = chunk[take..];
                if (_payloadFilled == _payload.Length)
                {
                    events.Add(FrameEvent.Frame(_payload));
                    _payload = null;
                }
            }
        }

        return true;
    }
}
