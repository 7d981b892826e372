namespace Mimiumd.Osc.Tests.Codec;

public class TimeTagTests
{
    [Fact]
    public void Immediately_is_the_value_one()
    {
        Assert.Equal(1UL, OscTimeTag.Immediately.Value);
        Assert.True(OscTimeTag.Immediately.IsImmediately);
        Assert.Equal(0U, OscTimeTag.Immediately.Seconds);
        Assert.Equal(1U, OscTimeTag.Immediately.Fraction);
    }

    [Fact]
    public void Unix_epoch_is_2208988800_ntp_seconds()
    {
        OscTimeTag tag = OscTimeTag.FromDateTimeOffset(DateTimeOffset.UnixEpoch);

        Assert.Equal(2_208_988_800U, tag.Seconds);
        Assert.Equal(0U, tag.Fraction);
    }

    [Fact]
    public void Half_a_second_is_half_the_fraction_range()
    {
        OscTimeTag tag = OscTimeTag.FromDateTimeOffset(DateTimeOffset.UnixEpoch.AddMilliseconds(500));

        Assert.Equal(0x8000_0000U, tag.Fraction);
    }

    [Theory]
    [InlineData("1970-01-01T00:00:00.0000000+00:00")]
    [InlineData("2024-06-30T12:34:56.7890123+00:00")]
    [InlineData("2036-02-07T06:28:15.9999999+00:00")]
    [InlineData("2036-02-07T06:28:16.0000000+00:00")]
    [InlineData("2100-01-01T00:00:00.0000001+00:00")]
    [InlineData("1968-01-20T03:14:08.0000000+00:00")]
    public void Conversion_to_and_from_date_time_is_lossless_at_tick_precision(string iso)
    {
        var time = DateTimeOffset.Parse(iso, System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(time, OscTimeTag.FromDateTimeOffset(time).ToDateTimeOffset());
    }

    [Fact]
    public void Times_after_the_2036_rollover_use_the_next_era()
    {
        var afterRollover = new DateTimeOffset(2040, 1, 1, 0, 0, 0, TimeSpan.Zero);

        OscTimeTag tag = OscTimeTag.FromDateTimeOffset(afterRollover);

        Assert.True(tag.Seconds < 0x8000_0000U);
        Assert.Equal(afterRollover, tag.ToDateTimeOffset());
    }

    [Fact]
    public void Times_outside_the_representable_range_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => OscTimeTag.FromDateTimeOffset(new DateTimeOffset(1950, 1, 1, 0, 0, 0, TimeSpan.Zero)));
        Assert.Throws<ArgumentOutOfRangeException>(() => OscTimeTag.FromDateTimeOffset(new DateTimeOffset(2200, 1, 1, 0, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void Offsets_are_normalised_to_the_same_instant()
    {
        var local = new DateTimeOffset(2025, 3, 1, 9, 0, 0, TimeSpan.FromHours(9));

        Assert.Equal(local.UtcDateTime, OscTimeTag.FromDateTimeOffset(local).ToDateTimeOffset().UtcDateTime);
    }

    [Fact]
    public void Now_is_close_to_the_clock()
    {
        DateTimeOffset before = DateTimeOffset.UtcNow;

        DateTimeOffset now = OscTimeTag.Now.ToDateTimeOffset();

        Assert.InRange(now, before.AddSeconds(-1), DateTimeOffset.UtcNow.AddSeconds(1));
    }

    [Fact]
    public void Time_tag_arguments_are_big_endian_on_the_wire()
    {
        byte[] bytes = OscCodec.Encode(new OscMessage("/t", new OscTimeTag(0x0102030405060708)));

        Assert.Equal(Convert.FromHexString("0102030405060708"), bytes[^8..]);
    }
}
