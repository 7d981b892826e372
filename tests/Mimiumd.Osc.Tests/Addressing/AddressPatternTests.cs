namespace Mimiumd.Osc.Tests.Addressing;

public class AddressPatternTests
{
    [Theory]
    [InlineData("/synth/freq", "/synth/freq")]
    [InlineData("/synth/*", "/synth/freq")]
    [InlineData("/synth/*", "/synth/x")]
    [InlineData("/*/freq", "/voice1/freq")]
    [InlineData("/*", "/anything")]
    [InlineData("/voice?/freq", "/voice1/freq")]
    [InlineData("/voice[0-9]/freq", "/voice7/freq")]
    [InlineData("/voice[123]/freq", "/voice2/freq")]
    [InlineData("/voice[!0-4]/freq", "/voice9/freq")]
    [InlineData("/voice[!a]", "/voiceb")]
    [InlineData("/{synth,drum}/gain", "/drum/gain")]
    [InlineData("/{synth,drum}/gain", "/synth/gain")]
    [InlineData("/pre{fix,}", "/pre")]
    [InlineData("/pre{fix,}", "/prefix")]
    [InlineData("/a*b*c", "/aXXbYYc")]
    [InlineData("/a*b*c", "/abc")]
    [InlineData("/*a", "/aaa")]
    [InlineData("/**", "/x")]
    [InlineData("/[a-]", "/-")]
    [InlineData("/[z-a]", "/m")]
    [InlineData("/x/{a,ab}c", "/x/abc")]
    [InlineData("/*/*/*", "/a/b/c")]
    [InlineData("/{a,b}[0-9]?*", "/b5zq")]
    public void Pattern_matches(string pattern, string address)
    {
        Assert.True(OscAddressPattern.IsMatch(pattern, address));
    }

    [Theory]
    [InlineData("/synth/freq", "/synth/fre")]
    [InlineData("/synth/freq", "/synth/freq/x")]
    [InlineData("/synth/*", "/synth/freq/x")]
    [InlineData("/*", "/a/b")]
    [InlineData("/*/freq", "/freq")]
    [InlineData("/voice?/freq", "/voice/freq")]
    [InlineData("/voice?/freq", "/voice12/freq")]
    [InlineData("/voice[0-9]/freq", "/voicex/freq")]
    [InlineData("/voice[!0-4]/freq", "/voice3/freq")]
    [InlineData("/{synth,drum}/gain", "/bass/gain")]
    [InlineData("/{synth,drum}/gain", "/synthdrum/gain")]
    [InlineData("/a*b*c", "/aXXbYY")]
    [InlineData("/Synth", "/synth")]
    [InlineData("/a//b", "/a/b")]
    public void Pattern_does_not_match(string pattern, string address)
    {
        Assert.False(OscAddressPattern.IsMatch(pattern, address));
    }

    [Theory]
    [InlineData("")]
    [InlineData("noslash")]
    [InlineData("/")]
    [InlineData("/a[bc")]
    [InlineData("/a{b,c")]
    [InlineData("/a]")]
    [InlineData("/a}")]
    [InlineData("/a,b")]
    [InlineData("/a b")]
    [InlineData("/a#b")]
    [InlineData("/a[]")]
    [InlineData("/a{b*,c}")]
    public void Invalid_patterns_are_refused_and_never_match(string pattern)
    {
        Assert.False(OscAddressPattern.IsValidPattern(pattern));
        Assert.False(OscAddressPattern.IsMatch(pattern, "/a"));
    }

    [Theory]
    [InlineData("/a")]
    [InlineData("/synth/voice_1/freq")]
    [InlineData("/mimiumd-ish/x.y~z")]
    public void Concrete_addresses_are_valid(string address)
    {
        Assert.True(OscAddressPattern.IsValidAddress(address));
    }

    [Theory]
    [InlineData("")]
    [InlineData("/")]
    [InlineData("a/b")]
    [InlineData("/a/")]
    [InlineData("/a//b")]
    [InlineData("/a b")]
    [InlineData("/a*")]
    [InlineData("/a?")]
    [InlineData("/[a]")]
    [InlineData("/{a}")]
    [InlineData("/a,b")]
    [InlineData("/a#")]
    [InlineData("/caf\u00e9")]
    [InlineData("/tab\there")]
    public void Addresses_with_spaces_pattern_characters_or_empty_parts_are_invalid(string address)
    {
        Assert.False(OscAddressPattern.IsValidAddress(address));
    }

    [Fact]
    public void Matching_against_an_invalid_address_fails()
    {
        Assert.False(OscAddressPattern.IsMatch("/*", "/a b"));
    }

    [Fact]
    public void Parsed_patterns_report_whether_they_are_literal()
    {
        Assert.True(OscAddressPattern.TryParse("/a/b", out OscAddressPattern? literal));
        Assert.True(literal.IsLiteral);
        Assert.True(OscAddressPattern.TryParse("/a/*", out OscAddressPattern? wildcard));
        Assert.False(wildcard.IsLiteral);
        Assert.True(wildcard.IsMatch("/a/zz"));
    }

    [Fact]
    public void Hostile_patterns_match_quickly()
    {
        // Exponential for a backtracking matcher: many stars followed by a character that is absent.
        string pattern = "/" + string.Concat(Enumerable.Repeat("*a", 2000)) + "b";
        string address = "/" + new string('a', 5000);
        var watch = System.Diagnostics.Stopwatch.StartNew();

        Assert.False(OscAddressPattern.IsMatch(pattern, address));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"took {watch.Elapsed}");
    }
}
