namespace Mimiumd.Alsa.Tests;

/// <summary>A fact that needs libasound.so.2; skipped, saying why, where the library cannot be loaded.</summary>
public sealed class AlsaFactAttribute : FactAttribute
{
    public AlsaFactAttribute()
    {
        if (!AlsaLibrary.TryGetVersion(out var why))
            Skip = why;
    }
}

/// <summary>A theory that needs libasound.so.2.</summary>
public sealed class AlsaTheoryAttribute : TheoryAttribute
{
    public AlsaTheoryAttribute()
    {
        if (!AlsaLibrary.TryGetVersion(out var why))
            Skip = why;
    }
}

/// <summary>ALSA tests share the process-wide libasound configuration (and setenv is not thread-safe), so they run one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class AlsaCollection
{
    public const string Name = "alsa";
}
