namespace Mimiumd.Osc;

/// <summary>
/// An OSC time tag: a 64-bit NTP timestamp (seconds since 1900-01-01 UTC in the high 32 bits,
/// binary fraction of a second in the low 32 bits).
/// </summary>
/// <remarks>
/// The 32-bit seconds field wraps in February 2036. Conversions use the RFC 4330 convention:
/// a seconds value with the top bit clear belongs to the era starting 2036, so the representable
/// range is 1968-01-20 to 2104-02-26. That covers every realistic scheduling time and keeps
/// timestamps sent after 2036 meaningful.
/// </remarks>
public readonly record struct OscTimeTag(ulong Value)
{
    /// <summary>The special value 1 that OSC reserves for "execute as soon as received".</summary>
    public static OscTimeTag Immediately { get; } = new(1);

    private const long TicksPerSecond = TimeSpan.TicksPerSecond;
    private const ulong FractionsPerSecond = 1UL << 32;

    private static readonly DateTimeOffset Era0Start = new(1900, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Era1Start = Era0Start.AddSeconds(FractionsPerSecond);

    /// <summary>The earliest instant a time tag can represent under the era convention.</summary>
    public static DateTimeOffset MinDateTime { get; } = Era0Start.AddSeconds(0x8000_0000UL);

    /// <summary>The latest instant (exclusive) a time tag can represent under the era convention.</summary>
    public static DateTimeOffset MaxDateTime { get; } = Era1Start.AddSeconds(0x8000_0000UL);

    public OscTimeTag(uint seconds, uint fraction) : this(((ulong)seconds << 32) | fraction)
    {
    }

    public uint Seconds => (uint)(Value >> 32);

    public uint Fraction => (uint)Value;

    public bool IsImmediately => Value == Immediately.Value;

    public static OscTimeTag Now => FromDateTimeOffset(DateTimeOffset.UtcNow);

    /// <exception cref="ArgumentOutOfRangeException">The instant lies outside <see cref="MinDateTime"/>..<see cref="MaxDateTime"/>.</exception>
    public static OscTimeTag FromDateTimeOffset(DateTimeOffset time)
    {
        if (time < MinDateTime || time >= MaxDateTime)
        {
            throw new ArgumentOutOfRangeException(nameof(time), time, "Outside the range an NTP time tag can represent.");
        }

        long ticksSinceEra0 = (time - Era0Start).Ticks;
        ulong wholeSeconds = (ulong)(ticksSinceEra0 / TicksPerSecond);
        ulong remainderTicks = (ulong)(ticksSinceEra0 % TicksPerSecond);
        // Rounding in both directions makes DateTimeOffset -> tag -> DateTimeOffset lossless,
        // because one tick spans about 429 fraction units.
        ulong fraction = ((remainderTicks << 32) + (TicksPerSecond / 2)) / TicksPerSecond;
        if (fraction == FractionsPerSecond)
        {
            wholeSeconds++;
            fraction = 0;
        }

        return new OscTimeTag((uint)wholeSeconds, (uint)fraction);
    }

    /// <summary>
    /// Converts to an instant. <see cref="Immediately"/> has no meaningful instant; check
    /// <see cref="IsImmediately"/> first.
    /// </summary>
    public DateTimeOffset ToDateTimeOffset()
    {
        DateTimeOffset eraStart = (Seconds & 0x8000_0000U) != 0 ? Era0Start : Era1Start;
        long fractionTicks = (long)(((ulong)Fraction * TicksPerSecond + (FractionsPerSecond / 2)) >> 32);
        return eraStart.AddTicks(Seconds * TicksPerSecond + fractionTicks);
    }

    public override string ToString() =>
        IsImmediately ? "immediately" : ToDateTimeOffset().ToString("yyyy-MM-dd'T'HH:mm:ss.fffffffK", System.Globalization.CultureInfo.InvariantCulture);
}
