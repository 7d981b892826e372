namespace Mimium.Syntax.Text;

/// <summary>A half-open character range in one source file.</summary>
public readonly record struct Span(SourceFile? File, int Start, int End)
{
    public static readonly Span None = new(null, 0, 0);

    public int Length => End - Start;

    public Span To(Span other) => File is null ? other : new Span(File, Math.Min(Start, other.Start), Math.Max(End, other.End));

    public (int Line, int Column) Position => File?.LineColumn(Start) ?? (0, 0);

    public override string ToString()
    {
        if (File is null) return "<generated>";
        var (l, c) = Position;
        return $"{File.Path}:{l}:{c}";
    }
}
