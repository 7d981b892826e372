using System.Collections.Immutable;
using Mimium.Syntax.Ast;
using Mimium.Syntax.Diagnostics;
using Mimium.Syntax.Lexing;
using Mimium.Syntax.Text;

namespace Mimium.Syntax.Parsing;

/// <summary>
/// Recursive-descent parser for mimium with error recovery: syntax errors go to the
/// <see cref="DiagnosticBag"/> and parsing resumes at the next statement, so one run reports
/// several independent errors. Unsupported v4 constructs (records, arrays, match, modules…)
/// are recognised, reported and skipped.
/// </summary>
public static partial class Parser
{
    public static ImmutableArray<Stmt> ParseProgram(SourceFile file, DiagnosticBag diags)
    {
        var session = new Session(file, Lexer.Lex(file, diags), diags);
        return session.ParseProgram();
    }

    /// <summary>Parses a whole file as one expression; null when it is empty or has syntax errors.</summary>
    public static Expr? ParseExpression(SourceFile file, DiagnosticBag diags)
    {
        var before = diags.Items.Count;
        var session = new Session(file, Lexer.Lex(file, diags), diags);
        var expr = session.ParseStandaloneExpression();
        var failed = diags.Items.Skip(before).Any(d => d.Severity == Severity.Error);
        return failed ? null : expr;
    }
}
