namespace Mimiumd.Osc;

/// <summary>The unit an OSC transport carries: either an <see cref="OscMessage"/> or an <see cref="OscBundle"/>.</summary>
public abstract record OscPacket
{
    // Only this assembly's two packet kinds exist on the wire, so nobody else may add one.
    private protected OscPacket()
    {
    }

    /// <summary>
    /// Every message in wire order, bundles flattened depth-first. Each message carries the time tag
    /// of its innermost enclosing bundle, or null when it was not inside a bundle.
    /// </summary>
    public IEnumerable<OscTimedMessage> EnumerateMessages() => EnumerateMessages(this, bundleTime: null);

    private static IEnumerable<OscTimedMessage> EnumerateMessages(OscPacket packet, OscTimeTag? bundleTime)
    {
        switch (packet)
        {
            case OscMessage message:
                yield return new OscTimedMessage(message, bundleTime);
                break;
            case OscBundle bundle:
                foreach (OscPacket element in bundle.Elements)
                {
                    foreach (OscTimedMessage inner in EnumerateMessages(element, bundle.Time))
                    {
                        yield return inner;
                    }
                }

                break;
        }
    }
}

/// <param name="BundleTime">Time tag of the innermost enclosing bundle; null for a bare message.</param>
public readonly record struct OscTimedMessage(OscMessage Message, OscTimeTag? BundleTime);
