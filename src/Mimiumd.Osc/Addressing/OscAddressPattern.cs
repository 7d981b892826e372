using System.Diagnostics.CodeAnalysis;

namespace Mimiumd.Osc;

/// <summary>
/// An OSC 1.0 address pattern: <c>?</c>, <c>*</c>, <c>[abc]</c>, <c>[a-z]</c>, <c>[!a-z]</c> and
/// <c>{foo,bar}</c>, matched part by part between '/' separators so no wildcard crosses a '/'.
/// </summary>
/// <remarks>
/// OSC 1.1's "//" (match any number of parts) is not supported: it yields an empty part, which no
/// valid address contains, so such patterns simply never match. Matching runs in time proportional
/// to pattern length times address length and uses no recursion, so hostile patterns are harmless.
/// </remarks>
public sealed class OscAddressPattern
{
    private readonly PatternPart[] _parts;

    private OscAddressPattern(string pattern, PatternPart[] parts)
    {
        Pattern = pattern;
        _parts = parts;
    }

    public string Pattern { get; }

    /// <summary>Whether the pattern contains no wildcards, i.e. can match only itself.</summary>
    public bool IsLiteral => _parts.All(part => part.Literal is not null);

    /// <summary>Parses a pattern; fails on unbalanced brackets, a missing leading '/', or forbidden characters.</summary>
    public static bool TryParse(string? pattern, [NotNullWhen(true)] out OscAddressPattern? result)
    {
        result = null;
        if (pattern is null || pattern.Length < 2 || pattern[0] != '/')
        {
            return false;
        }

        string[] texts = pattern[1..].Split('/');
        var parts = new PatternPart[texts.Length];
        for (int i = 0; i < texts.Length; i++)
        {
            if (!PatternPart.TryParse(texts[i], out PatternPart? part))
            {
                return false;
            }

            parts[i] = part;
        }

        result = new OscAddressPattern(pattern, parts);
        return true;
    }

    /// <summary>Whether the concrete <paramref name="address"/> matches <paramref name="pattern"/>; false if the pattern is invalid.</summary>
    public static bool IsMatch(string pattern, string address) =>
        TryParse(pattern, out OscAddressPattern? parsed) && parsed.IsMatch(address);

    public static bool IsValidPattern(string? pattern) => TryParse(pattern, out _);

    /// <summary>
    /// Whether <paramref name="address"/> is a concrete address: '/'-separated non-empty parts of
    /// printable ASCII, without the characters OSC 1.0 reserves (space # * , / ? [ ] { }).
    /// </summary>
    public static bool IsValidAddress(string? address)
    {
        if (address is null || address.Length < 2 || address[0] != '/' || address[^1] == '/')
        {
            return false;
        }

        for (int i = 1; i < address.Length; i++)
        {
            char c = address[i];
            bool separatorAfterSeparator = c == '/' && address[i - 1] == '/';
            if (separatorAfterSeparator || (c != '/' && !IsAddressCharacter(c)))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Whether this pattern matches the concrete <paramref name="address"/>.</summary>
    public bool IsMatch(string address)
    {
        if (!IsValidAddress(address))
        {
            return false;
        }

        ReadOnlySpan<char> remaining = address.AsSpan(1);
        foreach (PatternPart part in _parts)
        {
            if (remaining.IsEmpty)
            {
                return false;
            }

            int separator = remaining.IndexOf('/');
            ReadOnlySpan<char> addressPart = separator < 0 ? remaining : remaining[..separator];
            if (!part.IsMatch(addressPart))
            {
                return false;
            }

            remaining = separator < 0 ? [] : remaining[(separator + 1)..];
        }

        return remaining.IsEmpty;
    }

    public override string ToString() => Pattern;

    internal static bool IsAddressCharacter(char c) =>
        c is > ' ' and < (char)0x7f and not ('#' or '*' or ',' or '/' or '?' or '[' or ']' or '{' or '}');
}
