namespace Mimium.Types;

/// <summary>One lexical scope; lookups walk outward.</summary>
internal sealed class Scope(Scope? parent)
{
    private readonly Dictionary<string, Symbol> _symbols = new();
    public Scope? Parent { get; } = parent;

    public void Add(Symbol s) => _symbols[s.Name] = s;

    public Symbol? Lookup(string name)
    {
        for (var s = this; s is not null; s = s.Parent)
        {
            if (s._symbols.TryGetValue(name, out var sym)) return sym;
        }
        return null;
    }
}
