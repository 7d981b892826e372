using Mimiumd.Osc;
using System.Net;
using System.Net.Sockets;
using Mimiumd.Hosting;

namespace Mimiumd.Control;

/// <summary>
/// Who may talk to the daemon and what needs the shared secret. On loopback everything is open;
/// bound to any other address only the allowed networks are heard, and code pushes and transport
/// commands must end with the secret.
/// </summary>
public sealed class AccessPolicy
{
    private readonly List<(IPAddress Network, int PrefixLength)> _allowed = new();

    public AccessPolicy(OscOptions options)
    {
        IsExposed = !IPAddress.TryParse(options.Bind, out var bind) || !IPAddress.IsLoopback(bind);
        Secret = options.SharedSecret;
        foreach (var cidr in options.AllowedNetworks)
        {
            if (TryParseCidr(cidr, out var network, out var prefix)) _allowed.Add((network, prefix));
            else throw new FormatException($"AllowedNetworks entry \"{cidr}\" is not an address/prefix");
        }
    }

    public bool IsExposed { get; }
    public string Secret { get; }

    public bool IsAllowed(IPAddress remote)
    {
        if (!IsExposed) return true;
        if (remote.IsIPv4MappedToIPv6) remote = remote.MapToIPv4();
        return _allowed.Any(a => InNetwork(remote, a.Network, a.PrefixLength));
    }

    /// <summary>Whether a privileged command's trailing argument carries the secret (always true on loopback).</summary>
    public bool Authorizes(string? token) => !IsExposed || (Secret.Length > 0 && token is not null && FixedTimeEquals(token, Secret));

    private static bool FixedTimeEquals(string a, string b) =>
        System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(System.Text.Encoding.UTF8.GetBytes(a), System.Text.Encoding.UTF8.GetBytes(b));

    public static bool TryParseCidr(string text, out IPAddress network, out int prefix)
    {
        network = IPAddress.None;
        prefix = 0;
        var slash = text.IndexOf('/');
        var addressText = slash < 0 ? text : text[..slash];
        if (!IPAddress.TryParse(addressText, out var address)) return false;
        var max = address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
        prefix = max;
        if (slash >= 0 && (!int.TryParse(text[(slash + 1)..], out prefix) || prefix < 0 || prefix > max)) return false;
        network = address;
        return true;
    }

    private static bool InNetwork(IPAddress address, IPAddress network, int prefix)
    {
        if (address.AddressFamily != network.AddressFamily) return false;
        var a = address.GetAddressBytes();
        var n = network.GetAddressBytes();
        var full = prefix / 8;
        for (var i = 0; i < full; i++)
        {
            if (a[i] != n[i]) return false;
        }
        var rest = prefix % 8;
        if (rest == 0) return true;
        var mask = (byte)(0xFF << (8 - rest));
        return (a[full] & mask) == (n[full] & mask);
    }
}
