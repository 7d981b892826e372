using System.Globalization;
using System.Text;

namespace Mimium.Runtime.Bytecode;

/// <summary>Prints a program the way the λmmm paper's listings do.</summary>
public static class Disassembler
{
    public static string Print(CompiledProgram program)
    {
        var sb = new StringBuilder();
        sb.Append("CONSTANTS:[")
          .AppendJoin(",", program.Constants.Select(c => c.ToString("R", CultureInfo.InvariantCulture)))
          .Append("]\n");
        if (program.Strings.Length > 0) sb.Append("STRINGS:[").AppendJoin(",", program.Strings.Select(s => '"' + s + '"')).Append("]\n");
        if (program.Externals.Length > 0) sb.Append("EXTERNALS:[").AppendJoin(",", program.Externals).Append("]\n");
        if (program.GlobalNames.Length > 0) sb.Append("GLOBALS:[").AppendJoin(",", program.GlobalNames).Append("]\n");
        for (var i = 0; i < program.Functions.Length; i++)
        {
            sb.Append('\n');
            Print(sb, i, program.Functions[i]);
        }
        return sb.ToString();
    }

    private static void Print(StringBuilder sb, int index, FunctionProto f)
    {
        sb.Append("fn ").Append(f.Name).Append('(').AppendJoin(",", f.ParamNames).Append(')')
          .Append(" #").Append(index).Append(" state_size:").Append(f.StateSize).Append('\n');
        if (f.Upvalues.Length > 0)
        {
            sb.Append("  //upvalue:[").AppendJoin(",", f.Upvalues.Select(u => (u.FromParentLocal ? "local(" : "upvalue(") + u.Index + ")")).Append("]\n");
        }
        foreach (var ins in f.Code) sb.Append("  ").Append(Format(ins)).Append('\n');
    }

    public static string Format(Instruction ins) => ins.Op switch
    {
        OpCode.ShiftState or OpCode.Jmp => $"{Name(ins.Op)} {ins.A}",
        OpCode.Close or OpCode.Now or OpCode.SampleRate or OpCode.CheckCls => $"{Name(ins.Op)} {ins.A}",
        OpCode.GetState or OpCode.SetState => ins.B == 1 ? $"{Name(ins.Op)} {ins.A}" : $"{Name(ins.Op)} {ins.A} {ins.B}",
        OpCode.Move or OpCode.MoveConst or OpCode.JmpIfNeg or OpCode.Closure or OpCode.Return or OpCode.Mem
            or OpCode.NegF or OpCode.NotF or OpCode.AbsF or OpCode.SqrtF or OpCode.LogF or OpCode.SinF or OpCode.CosF
            or OpCode.TanF or OpCode.SinhF or OpCode.CoshF or OpCode.TanhF or OpCode.AsinF or OpCode.AcosF
            or OpCode.AtanF or OpCode.RoundF or OpCode.FloorF or OpCode.CeilF => $"{Name(ins.Op)} {ins.A} {ins.B}",
        OpCode.GetGlobal or OpCode.SetGlobal or OpCode.GetUpvalue or OpCode.SetUpvalue =>
            ins.C == 1 ? $"{Name(ins.Op)} {ins.A} {ins.B}" : $"{Name(ins.Op)} {ins.A} {ins.B} {ins.C}",
        _ => $"{Name(ins.Op)} {ins.A} {ins.B} {ins.C}",
    };

    /// <summary>The paper's spelling: MOVECONST, GETSTATE, CALLCLS, ADDF, …</summary>
    public static string Name(OpCode op) => op.ToString().ToUpperInvariant();
}
