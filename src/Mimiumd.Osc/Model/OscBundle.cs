namespace Mimiumd.Osc;

/// <summary>An OSC bundle. Equality compares elements by content.</summary>
public sealed record OscBundle(OscTimeTag Time, params IReadOnlyList<OscPacket> Elements) : OscPacket
{
    public bool Equals(OscBundle? other) =>
        other is not null && Time == other.Time && Elements.SequenceEqual(other.Elements);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Time);
        foreach (OscPacket element in Elements)
        {
            hash.Add(element);
        }

        return hash.ToHashCode();
    }

    public override string ToString() => OscTextFormat.Format(this);
}
