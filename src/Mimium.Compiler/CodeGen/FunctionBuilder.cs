using System.Collections.Immutable;
using Mimium.Runtime.Bytecode;
using Mimium.Runtime.State;
using Mimium.Syntax.Ast;
using Mimium.Syntax.Diagnostics;
using Mimium.Syntax.Text;
using Mimium.Types;

namespace Mimium.Compiler.CodeGen;

/// <summary>
/// Emits one function instance: a stack discipline register allocator, locals bound to registers,
/// captured outer locals read through upvalues, and the function's state layout with the
/// compile-time tracked state position (SHIFTSTATE keeps the runtime position in step).
/// </summary>
internal sealed partial class FunctionBuilder
{
    private const int MaxFrameWords = 60000;
    private readonly CodeGenerator _g;
    private readonly List<Instruction> _code = new();
    private readonly List<SourceLocation> _locs = new();
    private readonly Dictionary<Symbol, int> _locals = new();
    private readonly Dictionary<Symbol, int> _upvalueIndex = new();
    private readonly IReadOnlyList<Symbol> _upvalues;
    private readonly List<StateNode> _stateNodes = new();
    private int _stateTop;
    private int _curSp;
    private int _top;
    private int _maxTop;
    private Span _span = Span.None;
    private bool _hasCapturedLocals;
    /// <summary>Type substitution of the code being emitted (the callee's while inlining).</summary>
    private Dictionary<TypeVar, MType> _subst;
    /// <summary>Where `self` lives: 0 for this function, the call's node offset while inlining.</summary>
    private int _selfBase;
    private int _inlineDepth;

    public FunctionBuilder(CodeGenerator g, FunctionInstance instance, IReadOnlyList<Symbol> upvalues, FunctionBuilder? parent)
    {
        _g = g;
        Instance = instance;
        Parent = parent;
        _upvalues = upvalues;
        _subst = instance.Subst;
        for (var i = 0; i < upvalues.Count; i++) _upvalueIndex[upvalues[i]] = i;
    }

    public FunctionInstance Instance { get; }
    public FunctionBuilder? Parent { get; }
    private Node? OwnerNode => Instance.Decl is GlobalInitNode ? null : Instance.Decl;
    private TypeCheckResult Types => _g.Types;

    // ---- registers -----------------------------------------------------------------------

    private int Alloc(int words)
    {
        var r = _top;
        _top += words;
        if (_top > _maxTop) _maxTop = _top;
        return r;
    }

    private MType TypeOf(Expr e) => TypeLayout.Ground(Types.ExprTypes.TryGetValue(e, out var t) ? t : PrimType.Float, _subst);
    private MType Ground(MType t) => TypeLayout.Ground(t, _subst);
    private int WidthOf(Expr e) => TypeLayout.Width(TypeOf(e));

    // ---- emission ------------------------------------------------------------------------

    private int Emit(OpCode op, int a = 0, int b = 0, int c = 0)
    {
        _code.Add(Instruction.Make(op, a, b, c));
        _locs.Add(ToLocation(_span));
        return _code.Count - 1;
    }

    private static SourceLocation ToLocation(Span s)
    {
        if (s.File is null) return new SourceLocation("<generated>", 0, 0);
        var (l, c) = s.Position;
        return new SourceLocation(s.File.Path, l, c);
    }

    private void Patch(int at, Instruction ins) => _code[at] = ins;

    private void EmitMove(int dest, int src, int width)
    {
        if (dest == src || width == 0) return;
        if (width == 1) Emit(OpCode.Move, dest, src);
        else Emit(OpCode.MoveN, dest, src, width);
    }

    private void Error(string code, string message, Span span) => _g.Diagnostics.Error(code, message, span);

    // ---- state ---------------------------------------------------------------------------

    private int AllocState(StateNode node)
    {
        var offset = _stateTop;
        _stateNodes.Add(node.Rebase(offset));
        _stateTop += node.Size;
        return offset;
    }

    private void ShiftTo(int offset)
    {
        if (offset == _curSp) return;
        Emit(OpCode.ShiftState, offset - _curSp);
        _curSp = offset;
    }

    // ---- whole functions -----------------------------------------------------------------

    public FunctionProto BuildFunction(ImmutableArray<Param> parameters, Expr body)
    {
        var type = Instance.Type;
        var paramWords = 0;
        for (var i = 0; i < parameters.Length; i++)
        {
            var w = TypeLayout.Width(type.Parameters[i]);
            var sym = Types.Declarations[parameters[i]];
            _locals[sym] = paramWords;
            paramWords += w;
            if (sym.IsCaptured) _hasCapturedLocals = true;
        }
        _top = _maxTop = paramWords;
        var resultWidth = TypeLayout.Width(type.Result);
        var usesSelf = SelfFinder.Uses(body);
        if (usesSelf) AllocState(StateNode.Feed(resultWidth));
        _span = body.Span;
        var dest = Alloc(resultWidth);
        CompileTo(body, dest);
        _span = body.Span;
        ShiftTo(0);
        if (usesSelf)
        {
            if (_g.SelfMode == SelfMode.ZeroAtInit)
            {
                var old = Alloc(resultWidth);
                Emit(OpCode.GetState, old, resultWidth);
                Emit(OpCode.SetState, dest, resultWidth);
                dest = old;
            }
            else
            {
                Emit(OpCode.SetState, dest, resultWidth);
            }
        }
        if (_hasCapturedLocals) Emit(OpCode.Close, 0);
        Emit(OpCode.Return, dest, resultWidth);
        return Finish(paramWords, resultWidth, parameters.Select(p => p.Name));
    }

    public FunctionProto BuildGlobalInit(IReadOnlyList<Stmt> program)
    {
        foreach (var stmt in program)
        {
            switch (stmt)
            {
                case FnDecl or StageStmt or IncludeStmt: break;
                case LetStmt let: CompileLet(let); break;
                case LetRecStmt letrec: CompileLetRec(letrec); break;
                default: CompileStatement(stmt); break;
            }
        }
        ShiftTo(0);
        if (_hasCapturedLocals) Emit(OpCode.Close, 0);
        Emit(OpCode.Return, 0, 0);
        return Finish(0, 0, Array.Empty<string>());
    }

    public FunctionProto BuildBuiltinWrapper(string name, Span span)
    {
        _span = span;
        var type = Instance.Type;
        var paramWords = type.Parameters.Sum(TypeLayout.Width);
        _top = _maxTop = paramWords;
        var dest = Alloc(Math.Max(1, TypeLayout.Width(type.Result)));
        var args = Enumerable.Range(0, type.Parameters.Length).ToArray();
        EmitBuiltin(name, args, dest, span);
        ShiftTo(0);
        Emit(OpCode.Return, dest, TypeLayout.Width(type.Result));
        return Finish(paramWords, TypeLayout.Width(type.Result), Array.Empty<string>());
    }

    private FunctionProto Finish(int paramWords, int resultWords, IEnumerable<string> paramNames)
    {
        if (_maxTop > MaxFrameWords)
            Error(ErrorCodes.TooManyRegisters, $"function `{Instance.Name}` needs {_maxTop} registers; the limit is {MaxFrameWords}", Instance.Decl?.Span ?? Span.None);
        return new FunctionProto
        {
            Name = Instance.Name,
            ParamWords = paramWords,
            ResultWords = resultWords,
            FrameSize = Math.Max(1, _maxTop + 8),
            Code = _code.ToArray(),
            Locations = _locs.ToArray(),
            Upvalues = _upvalues.Select(UpvalueDescriptorFor).ToImmutableArray(),
            Skeleton = StateNode.Function(Instance.Name, _stateNodes),
            ParamNames = paramNames.ToImmutableArray(),
        };
    }

    /// <summary>How the creating frame supplies upvalue <paramref name="s"/> of this function.</summary>
    private UpvalueDescriptor UpvalueDescriptorFor(Symbol s)
    {
        var width = TypeLayout.Width(Ground(s.Type));
        if (Parent is null) return new UpvalueDescriptor(true, 0, width, s.Name);
        if (Parent._locals.TryGetValue(s, out var reg)) return new UpvalueDescriptor(true, reg, width, s.Name);
        if (Parent._upvalueIndex.TryGetValue(s, out var up)) return new UpvalueDescriptor(false, up, width, s.Name);
        Error(ErrorCodes.Unsupported, $"internal error: `{s.Name}` is not reachable from the closure's creator", Instance.Decl?.Span ?? Span.None);
        return new UpvalueDescriptor(true, 0, width, s.Name);
    }
}
