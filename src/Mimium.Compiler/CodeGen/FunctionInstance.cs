using Mimium.Runtime.Bytecode;
using Mimium.Syntax.Ast;
using Mimium.Types;

namespace Mimium.Compiler.CodeGen;

/// <summary>One monomorphic copy of a function (fn, lambda, builtin wrapper or the global init).</summary>
internal sealed class FunctionInstance(Node? decl, string name, Dictionary<TypeVar, MType> subst, FunctionMType type, int index)
{
    public Node? Decl { get; } = decl;
    public string Name { get; } = name;
    public Dictionary<TypeVar, MType> Subst { get; } = subst;
    public FunctionMType Type { get; } = type;
    public int Index { get; } = index;
    public FunctionProto? Proto { get; set; }
    public bool InProgress => Proto is null;
}

/// <summary>Stands for the function that evaluates the global statements.</summary>
internal sealed record GlobalInitNode() : Node(Mimium.Syntax.Text.Span.None);
