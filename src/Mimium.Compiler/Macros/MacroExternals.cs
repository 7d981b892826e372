namespace Mimium.Compiler;

/// <summary>Names of the external functions macro-stage programs call.</summary>
internal static class MacroExternals
{
    /// <summary>Builds code from a template: frame[0] = template id, then one code handle per hole.</summary>
    public const string Quote = "__quote";
    /// <summary>`lift` at one concrete type; the suffix indexes CodeGenerator.LiftTypes.</summary>
    public const string LiftPrefix = "__lift#";
}
