namespace Mimiumd.Osc;

/// <summary>
/// Bounds on what the decoder accepts, so a hostile or broken sender cannot make us allocate or
/// recurse without limit. Anything beyond them is a decode error, never an exception.
/// </summary>
public sealed record OscLimits
{
    // Generous ceilings for configuration: the decoder recurses once per bundle level, so depth
    // must stay far below anything that could threaten the stack.
    private const int MaxConfigurableDepth = 64;
    private const int MaxConfigurablePacketSize = 64 * 1024 * 1024;

    public static OscLimits Default { get; } = new();

    /// <summary>Largest packet accepted, in bytes; also the cap on one TCP frame.</summary>
    public int MaxPacketSize
    {
        get;
        init => field = InRange(value, 16, MaxConfigurablePacketSize, nameof(MaxPacketSize));
    } = 64 * 1024;

    /// <summary>How many bundles may enclose a message; a top-level bundle is depth 1.</summary>
    public int MaxBundleDepth
    {
        get;
        init => field = InRange(value, 0, MaxConfigurableDepth, nameof(MaxBundleDepth));
    } = 8;

    /// <summary>Arguments in one message, counting each array and each element inside arrays.</summary>
    public int MaxArgumentsPerMessage
    {
        get;
        init => field = InRange(value, 0, 1 << 20, nameof(MaxArgumentsPerMessage));
    } = 256;

    /// <summary>How deeply '[' may nest inside one message.</summary>
    public int MaxArrayDepth
    {
        get;
        init => field = InRange(value, 0, MaxConfigurableDepth, nameof(MaxArrayDepth));
    } = 8;

    private static int InRange(int value, int min, int max, string name)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(value, min, name);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(value, max, name);
        return value;
    }
}
