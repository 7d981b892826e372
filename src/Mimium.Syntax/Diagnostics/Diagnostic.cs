using Mimium.Syntax.Text;

namespace Mimium.Syntax.Diagnostics;

public enum Severity
{
    Warning,
    Error,
}

/// <summary>
/// A problem found in user code. Codes are stable: MM1xxx syntax, MM2xxx types,
/// MM3xxx stages and compilation, MM4xxx runtime.
/// </summary>
public sealed record Diagnostic(string Code, Severity Severity, string Message, Span Span)
{
    public static Diagnostic Error(string code, string message, Span span) => new(code, Severity.Error, message, span);

    public int Line => Span.Position.Line;
    public int Column => Span.Position.Column;

    /// <summary>`file:line:col: error CODE: message`, then the source line and a caret under the spot.</summary>
    public string Format()
    {
        var kind = Severity == Severity.Error ? "error" : "warning";
        if (Span.File is null) return $"<generated>: {kind} {Code}: {Message}";
        var (line, col) = Span.Position;
        var text = Span.File.LineText(line);
        // Long lines are shown as a window around the spot so the caret stays readable.
        var start = Math.Max(0, col - 1 - WindowBefore);
        var end = Math.Min(text.Length, col - 1 + WindowAfter);
        var shown = (start > 0 ? "…" : "") + text[start..end] + (end < text.Length ? "…" : "");
        var caretCol = col - 1 - start + (start > 0 ? 1 : 0);
        var width = Math.Max(1, Math.Min(Span.Length, end - (col - 1)));
        var pad = new string(shown.Take(caretCol).Select(ch => ch == '\t' ? '\t' : ' ').ToArray());
        return $"{Span.File.Path}:{line}:{col}: {kind} {Code}: {Message}\n{shown}\n{pad}{new string('^', width)}";
    }

    private const int WindowBefore = 60;
    private const int WindowAfter = 60;

    public override string ToString() => Format();
}
