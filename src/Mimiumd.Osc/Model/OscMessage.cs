namespace Mimiumd.Osc;

/// <summary>An OSC message. Equality compares arguments by content.</summary>
/// <param name="Address">An address (or, for incoming messages, an address pattern) starting with '/'.</param>
public sealed record OscMessage(string Address, params IReadOnlyList<OscArgument> Args) : OscPacket
{
    /// <summary>The type tag string as sent on the wire, e.g. ",ifs".</summary>
    public string TypeTags => OscTextFormat.TypeTags(Args);

    public bool Equals(OscMessage? other) =>
        other is not null && Address == other.Address && Args.SequenceEqual(other.Args);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Address);
        foreach (OscArgument arg in Args)
        {
            hash.Add(arg);
        }

        return hash.ToHashCode();
    }

    public override string ToString() => OscTextFormat.Format(this);
}
