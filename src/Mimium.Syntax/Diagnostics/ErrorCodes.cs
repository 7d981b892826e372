namespace Mimium.Syntax.Diagnostics;

/// <summary>The stable diagnostic codes, one table for every phase.</summary>
public static class ErrorCodes
{
    // MM1xxx: lexing and parsing
    public const string UnexpectedCharacter = "MM1001";
    public const string UnterminatedComment = "MM1002";
    public const string UnterminatedString = "MM1003";
    public const string UnexpectedToken = "MM1010";
    public const string ExpectedToken = "MM1011";
    public const string InvalidAssignmentTarget = "MM1012";
    public const string AdjacentOperators = "MM1013";
    public const string MisplacedStatement = "MM1014";
    public const string MissingSeparator = "MM1015";
    public const string IncludeNotFound = "MM1020";
    public const string IncludeItself = "MM1021";
    public const string IncludeTooDeep = "MM1022";
    public const string TooDeep = "MM1030";
    public const string UnsupportedSyntax = "MM1040";

    // MM2xxx: names and types
    public const string UnboundVariable = "MM2001";
    public const string TypeMismatch = "MM2002";
    public const string ArityMismatch = "MM2003";
    public const string NotAFunction = "MM2004";
    public const string OccursCheck = "MM2005";
    public const string TupleIndexOutOfRange = "MM2006";
    public const string SelfOutsideFunction = "MM2007";
    public const string SelfFunctionType = "MM2008";
    public const string UnknownType = "MM2009";
    public const string NoDsp = "MM2010";
    public const string BadDspType = "MM2011";
    public const string InvalidAssignmentTargetType = "MM2012";
    public const string ProjectionOfUnknown = "MM2013";
    public const string Unsupported = "MM2099";

    // MM3xxx: stages, macros and code generation
    public const string StageMismatch = "MM3001";
    public const string MacroFailed = "MM3002";
    public const string NotCode = "MM3003";
    public const string DelayMaxNotLiteral = "MM3010";
    public const string RecursiveState = "MM3011";
    public const string TooManyRegisters = "MM3012";
    public const string UnknownMacro = "MM3013";

    // MM4xxx: runtime faults
    public const string StackOverflow = "MM4001";
    public const string StepBudget = "MM4002";
    public const string HeapExhausted = "MM4003";
    public const string RuntimeFault = "MM4004";
}
