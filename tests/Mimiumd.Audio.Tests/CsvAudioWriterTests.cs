namespace Mimiumd.Audio.Tests;

public class CsvAudioWriterTests
{
    [Fact]
    public void Writes_header_and_one_row_per_frame_in_rust_format()
    {
        var text = new StringWriter();
        using (var csv = new CsvAudioWriter(text, channels: 2))
        {
            csv.WriteFrames([0.5, -0.5, 1.0, 1e-7]);
            csv.WriteFrames([double.NaN, double.NegativeInfinity]);
            Assert.Equal(3, csv.FramesWritten);
        }
        Assert.Equal("ch0,ch1\n0.5,-0.5\n1.0,1e-7\nNaN,-inf\n", text.ToString());
    }

    [Fact]
    public void Float_samples_are_printed_as_the_f64_they_equal()
    {
        var text = new StringWriter();
        using (var csv = new CsvAudioWriter(text, channels: 1))
            csv.WriteFrames([0.1f, 0.25f]);
        Assert.Equal("ch0\n0.10000000149011612\n0.25\n", text.ToString());
    }

    [Fact]
    public void Partial_frames_are_rejected()
    {
        using var csv = new CsvAudioWriter(new StringWriter(), channels: 2);
        Assert.Throws<ArgumentException>(() => csv.WriteFrames([1.0, 2.0, 3.0]));
    }

    [Fact]
    public void File_has_no_byte_order_mark()
    {
        string path = Path.Combine(Path.GetTempPath(), $"mimiumd-csv-{Guid.NewGuid():N}.csv");
        try
        {
            using (var csv = CsvAudioWriter.Create(path, 1))
                csv.WriteFrames([2.0]);
            Assert.Equal("ch0\n2.0\n"u8.ToArray(), File.ReadAllBytes(path));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
