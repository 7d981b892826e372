namespace Mimium.Compiler;

/// <summary>Names of the external functions macro-stage programs call.</summary>
internal static class MacroExternals
{
    /// <summary>Builds code from a template: frame[0] = template id, then one code handle per hole.</summary>
    public const string Quote = "__quote";
    /// <summary>A type-specialised call (lift, host macros); k indexes CodeGenerator.SpecializedCalls.</summary>
    public static string Specialized(string name, int k) => $"{name}#{k}";
}
