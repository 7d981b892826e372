using System.Collections.Immutable;
using Mimium.Runtime.Bytecode;
using Mimium.Runtime.State;
using Mimium.Syntax.Ast;
using Mimium.Syntax.Diagnostics;
using Mimium.Syntax.Text;
using Mimium.Types;

namespace Mimium.Compiler.CodeGen;

/// <summary>
/// Lowers a type-checked program to bytecode. Functions are compiled per concrete type on first
/// use (monomorphisation), depth-first, so a caller knows each callee's state skeleton when it
/// lays out its own state.
/// </summary>
internal sealed partial class CodeGenerator
{
    private readonly TypeCheckResult _types;
    private readonly DiagnosticBag _diags;
    private readonly StatefulnessAnalysis _stateful;
    private readonly List<FunctionInstance> _instances = new();
    private readonly Dictionary<string, FunctionInstance> _byKey = new();
    private readonly List<double> _constants = new();
    private readonly Dictionary<long, int> _constantIndex = new();
    private readonly List<string> _strings = new();
    private readonly List<string> _externals = new();
    private readonly Dictionary<Symbol, int> _globalOffsets = new();
    private readonly List<string> _globalNames = new();
    private int _globalWords;

    public CodeGenerator(IReadOnlyList<Stmt> program, TypeCheckResult types, DiagnosticBag diags, SelfMode selfMode)
    {
        Program = program;
        _types = types;
        _diags = diags;
        SelfMode = selfMode;
        _stateful = new StatefulnessAnalysis(program.OfType<FnDecl>(), types);
    }

    public IReadOnlyList<Stmt> Program { get; }
    public TypeCheckResult Types => _types;
    public DiagnosticBag Diagnostics => _diags;
    public SelfMode SelfMode { get; }
    /// <summary>Quote templates of a macro-stage program, indexed by the id passed to `__quote`.</summary>
    public List<QuoteTemplate> Templates { get; } = new();
    /// <summary>
    /// Externals whose behaviour depends on the argument types (lift, host macros): each call
    /// becomes external `name#k`, and entry k records the concrete argument types.
    /// </summary>
    public List<(string Name, ImmutableArray<MType> ArgTypes)> SpecializedCalls { get; } = new();
    /// <summary>Inline small leaf functions at their call sites (same state layout, no call overhead).</summary>
    public bool Inline { get; init; } = true;
    public ISet<string> Specialized { get; init; } = new HashSet<string> { "lift", "lift_f" };

    public int AddConstant(double v)
    {
        var bits = BitConverter.DoubleToInt64Bits(v);
        if (_constantIndex.TryGetValue(bits, out var i)) return i;
        i = _constants.Count;
        _constants.Add(v);
        _constantIndex[bits] = i;
        return i;
    }

    public int AddString(string s)
    {
        var i = _strings.IndexOf(s);
        if (i >= 0) return i;
        _strings.Add(s);
        return _strings.Count - 1;
    }

    public int AddExternal(string name)
    {
        var i = _externals.IndexOf(name);
        if (i >= 0) return i;
        _externals.Add(name);
        return _externals.Count - 1;
    }

    public int GlobalOffset(Symbol s, int width)
    {
        if (_globalOffsets.TryGetValue(s, out var off)) return off;
        off = _globalWords;
        _globalWords += width;
        _globalOffsets[s] = off;
        _globalNames.Add(s.Name);
        return off;
    }

    public bool IsStateful(FnDecl f) => _stateful.IsStateful(f);

    /// <summary>The instance of a top-level fn at a concrete function type, compiled if new.</summary>
    public FunctionInstance GetFunction(FnDecl decl, Symbol sym, FunctionMType concrete, Span useSite)
    {
        var key = $"fn:{RuntimeId(decl)}:{concrete}";
        if (_byKey.TryGetValue(key, out var inst))
        {
            if (inst.InProgress && IsStateful(decl))
                _diags.Error(ErrorCodes.RecursiveState, $"`{decl.Name}` calls itself and has internal state, so its state would be unbounded", useSite);
            return inst;
        }
        var subst = new Dictionary<TypeVar, MType>();
        TypeChecker.Match(sym.Scheme.Body, concrete, subst);
        inst = NewInstance(decl, decl.Name, subst, concrete, key);
        Build(inst, decl.Params, decl.Body, upvalues: Array.Empty<Symbol>(), parent: null);
        return inst;
    }

    /// <summary>The instance of a lambda inside a given enclosing instance.</summary>
    public FunctionInstance GetLambda(LambdaExpr lambda, FunctionBuilder parent, IReadOnlyList<Symbol> upvalues)
    {
        var concrete = (FunctionMType)TypeLayout.Ground(_types.FunctionTypes[lambda], parent.Instance.Subst);
        var key = $"lambda:{RuntimeId(lambda)}:{parent.Instance.Index}:{concrete}";
        if (_byKey.TryGetValue(key, out var inst)) return inst;
        inst = NewInstance(lambda, $"{parent.Instance.Name}.lambda@{LineOf(lambda.Span)}", new Dictionary<TypeVar, MType>(parent.Instance.Subst), concrete, key);
        Build(inst, lambda.Params, lambda.Body, upvalues, parent);
        return inst;
    }

    /// <summary>A function wrapping a builtin so it can be passed as a value.</summary>
    public FunctionInstance GetBuiltinWrapper(string name, FunctionMType concrete, Span span)
    {
        var key = $"builtin:{name}:{concrete}";
        if (_byKey.TryGetValue(key, out var inst)) return inst;
        inst = NewInstance(null, name, new Dictionary<TypeVar, MType>(), concrete, key);
        var b = new FunctionBuilder(this, inst, Array.Empty<Symbol>(), null);
        inst.Proto = b.BuildBuiltinWrapper(name, span);
        return inst;
    }

    private static string LineOf(Span s) => s.File is null ? "gen" : $"{s.Position.Line}:{s.Position.Column}";

    private FunctionInstance NewInstance(Node? decl, string name, Dictionary<TypeVar, MType> subst, FunctionMType type, string key)
    {
        var inst = new FunctionInstance(decl, name, subst, type, _instances.Count);
        _instances.Add(inst);
        _byKey[key] = inst;
        return inst;
    }

    private void Build(FunctionInstance inst, ImmutableArray<Param> ps, Expr body, IReadOnlyList<Symbol> upvalues, FunctionBuilder? parent)
    {
        var b = new FunctionBuilder(this, inst, upvalues, parent);
        inst.Proto = b.BuildFunction(ps, body);
    }

    private readonly Dictionary<Node, int> _ids = new(ReferenceEqualityComparer.Instance);
    private int RuntimeId(Node n)
    {
        if (!_ids.TryGetValue(n, out var id))
        {
            id = _ids.Count;
            _ids[n] = id;
        }
        return id;
    }

    /// <summary>Compiles the whole program: global init, then dsp (and anything they reach).</summary>
    public CompiledProgram Generate(string source, IReadOnlyList<FnDecl> extraEntries, out Dictionary<FnDecl, int> entryIndices)
    {
        var initType = new FunctionMType(ImmutableArray<MType>.Empty, PrimType.Unit);
        var init = NewInstance(new GlobalInitNode(), "global", new Dictionary<TypeVar, MType>(), initType, "init");
        var initBuilder = new FunctionBuilder(this, init, Array.Empty<Symbol>(), null);
        init.Proto = initBuilder.BuildGlobalInit(Program);

        var dspIndex = -1;
        var dspGlobal = -1;
        int inputs = 0, outputs = 0;
        var dsp = _types.FindTopLevel("dsp");
        if (dsp is not null && dsp.Type.Prune() is FunctionMType dspType)
        {
            var concrete = (FunctionMType)TypeLayout.Ground(dspType, new Dictionary<TypeVar, MType>());
            inputs = concrete.Parameters.Sum(TypeLayout.Width);
            outputs = TypeLayout.Width(concrete.Result);
            if (dsp.Kind == SymbolKind.Function && dsp.Declaration is FnDecl dspDecl)
                dspIndex = GetFunction(dspDecl, dsp, concrete, dspDecl.NameSpan).Index;
            else if (dsp.Kind == SymbolKind.Global)
                dspGlobal = GlobalOffset(dsp, 1);
        }

        entryIndices = new Dictionary<FnDecl, int>(ReferenceEqualityComparer.Instance);
        foreach (var entry in extraEntries)
        {
            var sym = _types.Declarations[entry];
            var concrete = (FunctionMType)TypeLayout.Ground(sym.Type, new Dictionary<TypeVar, MType>());
            entryIndices[entry] = GetFunction(entry, sym, concrete, entry.NameSpan).Index;
        }

        return new CompiledProgram
        {
            Functions = _instances.Select(i => i.Proto ?? Placeholder(i)).ToImmutableArray(),
            Constants = _constants.ToImmutableArray(),
            Strings = _strings.ToImmutableArray(),
            Externals = _externals.ToImmutableArray(),
            GlobalNames = _globalNames.ToImmutableArray(),
            GlobalWords = _globalWords,
            GlobalInit = init.Index,
            Dsp = dspIndex,
            DspGlobal = dspGlobal,
            InputChannels = inputs,
            OutputChannels = outputs,
            Source = source,
        };
    }

    // Only reached when compilation already reported errors.
    private static FunctionProto Placeholder(FunctionInstance i) => new()
    {
        Name = i.Name, ParamWords = 0, ResultWords = 0, FrameSize = 1,
        Code = new[] { Instruction.Make(OpCode.Return, 0, 0) }, Locations = new SourceLocation[1], Skeleton = StateNode.Empty,
    };
}

/// <summary>A quote body with its holes (splices evaluated in the macro stage), in order.</summary>
public sealed record QuoteTemplate(Expr Body, ImmutableArray<SpliceExpr> Holes);
