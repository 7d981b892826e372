namespace Mimium.Runtime.Bytecode;

/// <summary>
/// The λmmm instruction set (Lua-5-like register machine plus state operations).
/// R(x) is register base+x, K(x) a constant, U(x) an upvalue, G(x) a global word, S the state
/// storage at the current state position. Widths count 64-bit words; tuples span several registers.
/// </summary>
public enum OpCode : int
{
    /// <summary>R(A) := R(B)</summary>
    Move,
    /// <summary>R(A..A+C-1) := R(B..B+C-1) (tuples)</summary>
    MoveN,
    /// <summary>R(A) := K(B)</summary>
    MoveConst,
    /// <summary>R(A..A+C-1) := G(B..B+C-1)</summary>
    GetGlobal,
    /// <summary>G(B..B+C-1) := R(A..A+C-1)</summary>
    SetGlobal,
    /// <summary>faults if the closure R(A) was made inside dsp: it is about to be stored where it would outlive the sample</summary>
    CheckCls,
    /// <summary>R(A..A+C-1) := U(B)</summary>
    GetUpvalue,
    /// <summary>U(B) := R(A..A+C-1)</summary>
    SetUpvalue,
    /// <summary>R(A..A+B-1) := S[SPos..]</summary>
    GetState,
    /// <summary>S[SPos..] := R(A..A+B-1)</summary>
    SetState,
    /// <summary>SPos += A</summary>
    ShiftState,
    /// <summary>R(A) := ring buffer at S[SPos] of length C, input R(B), delay time R(B+1)</summary>
    Delay,
    /// <summary>R(A) := S[SPos]; S[SPos] := R(B)</summary>
    Mem,
    /// <summary>PC += A</summary>
    Jmp,
    /// <summary>if R(A) &lt;= 0 then PC += B (jumps to the else branch; NaN takes the then-branch, as in mimium)</summary>
    JmpIfNeg,
    /// <summary>R(A..A+C-1) := functions[R(A)](R(A+1..A+B)); state continues at the caller's SPos</summary>
    Call,
    /// <summary>like Call through the closure R(A); the callee runs on the closure's own state storage</summary>
    CallCls,
    /// <summary>R(A..A+C-1) := external C(R(A..A+B-1)) (host functions, probes, macro builtins)</summary>
    CallExt,
    /// <summary>R(A) := new closure of functions[B], capturing upvalues per its prototype</summary>
    Closure,
    /// <summary>close the open upvalues that point at R(A) or above</summary>
    Close,
    /// <summary>return R(A..A+B-1)</summary>
    Return,
    /// <summary>R(A) := current sample index</summary>
    Now,
    /// <summary>R(A) := sample rate</summary>
    SampleRate,

    AddF, SubF, MulF, DivF, ModF, PowF,
    /// <summary>R(A) := R(B) op K(C) — arithmetic with a constant right operand</summary>
    AddFK, SubFK, MulFK, DivFK,
    /// <summary>R(A) := K(B) - R(C) and K(B) / R(C) — a constant left operand</summary>
    KSubF, KDivF,
    MinF, MaxF, Atan2F,
    EqF, NeF, LtF, LeF, GtF, GeF, AndF, OrF,
    NegF, NotF, AbsF, SqrtF, LogF, SinF, CosF, TanF, SinhF, CoshF, TanhF, AsinF, AcosF, AtanF,
    RoundF, FloorF, CeilF,
}
