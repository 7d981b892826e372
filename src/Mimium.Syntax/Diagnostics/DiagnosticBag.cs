using Mimium.Syntax.Text;

namespace Mimium.Syntax.Diagnostics;

/// <summary>Collects diagnostics of one phase; phases report into it instead of throwing.</summary>
public sealed class DiagnosticBag
{
    private readonly List<Diagnostic> _items = new();

    public IReadOnlyList<Diagnostic> Items => _items;
    public bool HasErrors => _items.Any(d => d.Severity == Severity.Error);

    public void Add(Diagnostic d) => _items.Add(d);
    public void Error(string code, string message, Span span) => _items.Add(Diagnostic.Error(code, message, span));
    public void AddRange(IEnumerable<Diagnostic> ds) => _items.AddRange(ds);
}
