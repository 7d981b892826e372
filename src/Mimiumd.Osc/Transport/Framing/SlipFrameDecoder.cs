namespace Mimiumd.Osc.Transport.Framing;

/// <summary>
/// RFC 1055 SLIP as OSC 1.1 uses it. Because END always delimits, an oversized or corrupt frame
/// can be discarded and the stream resynchronised at the next END, so nothing here is fatal.
/// </summary>
internal sealed class SlipFrameDecoder(int maxFrameSize) : IFrameDecoder
{
    public const byte End = 0xC0;
    public const byte Escape = 0xDB;
    public const byte EscapedEnd = 0xDC;
    public const byte EscapedEscape = 0xDD;

    private byte[] _frame = new byte[Math.Min(maxFrameSize, 1024)];
    private int _length;
    private bool _escaping;
    private bool _overflowed;
    private bool _badEscape;

    public OscTcpFraming Framing => OscTcpFraming.Slip;

    public bool Feed(ReadOnlySpan<byte> chunk, List<FrameEvent> events)
    {
        foreach (byte b in chunk)
        {
            if (b == End)
            {
                CompleteFrame(events);
            }
            else if (_escaping)
            {
                _escaping = false;
                _badEscape |= b is not (EscapedEnd or EscapedEscape);
                Append(b == EscapedEnd ? End : b == EscapedEscape ? Escape : b);
            }
            else if (b == Escape)
            {
                _escaping = true;
            }
            else
            {
                Append(b);
            }
        }

        return true;
    }

    private void Append(byte b)
    {
        if (_overflowed)
        {
            return;
        }

        if (_length == maxFrameSize)
        {
            _overflowed = true;
            return;
        }

        if (_length == _frame.Length)
        {
            Array.Resize(ref _frame, Math.Min(maxFrameSize, _frame.Length * 2));
        }

        _frame[_length++] = b;
    }

    private void CompleteFrame(List<FrameEvent> events)
    {
        if (_overflowed)
        {
            events.Add(FrameEvent.Rejected($"SLIP frame exceeds the limit of {maxFrameSize} bytes"));
        }
        else if (_badEscape || _escaping)
        {
            events.Add(FrameEvent.Rejected("SLIP frame contains an invalid escape sequence"));
        }
        else if (_length > 0)
        {
            // Empty frames are the normal result of double-ended SLIP (END packet END END packet END).
            events.Add(FrameEvent.Frame(_frame.AsSpan(0, _length).ToArray()));
        }

        _length = 0;
        _escaping = false;
        _overflowed = false;
        _badEscape = false;
    }
}
