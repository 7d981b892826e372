using System.Text;

namespace Mimiumd.Audio;

/// <summary>Writes audio the way <c>mimium-cli --output x.csv</c> does: a <c>ch0,ch1,…</c> header, then one
/// row per frame, values in Rust's <c>{:?}</c> format, "\n" line ends, so files can be diffed against the reference.</summary>
public sealed class CsvAudioWriter : IDisposable
{
    private readonly TextWriter _writer;
    private readonly bool _leaveOpen;
    private bool _disposed;

    public CsvAudioWriter(TextWriter writer, int channels, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(channels);
        _writer = writer;
        _leaveOpen = leaveOpen;
        Channels = channels;
        for (int c = 0; c < channels; c++)
        {
            if (c > 0)
                _writer.Write(',');
            _writer.Write("ch");
            _writer.Write(c.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        _writer.Write('\n');
    }

    public static CsvAudioWriter Create(string path, int channels) =>
        new(new StreamWriter(path, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)), channels);

    public int Channels { get; }

    public long FramesWritten { get; private set; }

    public void WriteFrames(ReadOnlySpan<double> interleaved)
    {
        CheckFrames(interleaved.Length);
        Span<char> cell = stackalloc char[RustFloatFormat.MaxLength];
        for (int i = 0; i < interleaved.Length; i++)
        {
            _writer.Write(cell[..RustFloatFormat.Write(interleaved[i], cell)]);
            _writer.Write((i + 1) % Channels == 0 ? '\n' : ',');
        }
        FramesWritten += interleaved.Length / Channels;
    }

    /// <summary>Widens to f64 first: the reference prints its f64 samples, so a float sample
    /// must read as the f64 it equals (0.1f → 0.10000000149011612), not as the shortest f32 text.</summary>
    public void WriteFrames(ReadOnlySpan<float> interleaved)
    {
        CheckFrames(interleaved.Length);
        Span<char> cell = stackalloc char[RustFloatFormat.MaxLength];
        for (int i = 0; i < interleaved.Length; i++)
        {
            _writer.Write(cell[..RustFloatFormat.Write((double)interleaved[i], cell)]);
            _writer.Write((i + 1) % Channels == 0 ? '\n' : ',');
        }
        FramesWritten += interleaved.Length / Channels;
    }

    public void Flush() => _writer.Flush();

    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        _writer.Flush();
        if (!_leaveOpen)
            _writer.Dispose();
    }

    private void CheckFrames(int samples)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (samples % Channels != 0)
            throw new ArgumentException($"{samples} samples is not a whole number of {Channels}-channel frames");
    }
}
