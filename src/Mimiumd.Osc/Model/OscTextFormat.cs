using System.Globalization;
using System.Text;

namespace Mimiumd.Osc;

/// <summary>Human-readable rendering for logs and the CLI; not a parseable format.</summary>
internal static class OscTextFormat
{
    public static string TypeTags(IReadOnlyList<OscArgument> args)
    {
        var builder = new StringBuilder(",");
        AppendTypeTags(builder, args);
        return builder.ToString();
    }

    public static string Format(OscMessage message)
    {
        var builder = new StringBuilder(message.Address).Append(' ').Append(TypeTags(message.Args));
        foreach (OscArgument arg in message.Args)
        {
            builder.Append(' ');
            Append(builder, arg);
        }

        return builder.ToString();
    }

    public static string Format(OscBundle bundle)
    {
        var builder = new StringBuilder("#bundle @").Append(bundle.Time).Append(" [");
        for (int i = 0; i < bundle.Elements.Count; i++)
        {
            builder.Append(i == 0 ? "" : "; ").Append(bundle.Elements[i]);
        }

        return builder.Append(']').ToString();
    }

    public static string Format(OscArgument arg)
    {
        var builder = new StringBuilder();
        Append(builder, arg);
        return builder.ToString();
    }

    private static void AppendTypeTags(StringBuilder builder, IReadOnlyList<OscArgument> args)
    {
        foreach (OscArgument arg in args)
        {
            builder.Append(arg.TypeTag);
            if (arg is OscArgument.Array array)
            {
                AppendTypeTags(builder, array.Elements);
                builder.Append(']');
            }
        }
    }

    private static void Append(StringBuilder builder, OscArgument arg)
    {
        CultureInfo inv = CultureInfo.InvariantCulture;
        switch (arg)
        {
            case OscArgument.Int32 a: builder.Append(a.Value.ToString(inv)); break;
            case OscArgument.Float32 a: builder.Append(a.Value.ToString(inv)); break;
            case OscArgument.Int64 a: builder.Append(a.Value.ToString(inv)); break;
            case OscArgument.Float64 a: builder.Append(a.Value.ToString(inv)); break;
            case OscArgument.String a: AppendQuoted(builder, a.Value); break;
            case OscArgument.Symbol a: builder.Append('\'').Append(a.Value); break;
            case OscArgument.Blob a: builder.Append("blob:").Append(Convert.ToHexStringLower(a.Value)); break;
            case OscArgument.TimeTag a: builder.Append('@').Append(a.Value); break;
            case OscArgument.Bool a: builder.Append(a.Value ? "true" : "false"); break;
            case OscArgument.Nil: builder.Append("nil"); break;
            case OscArgument.Impulse: builder.Append("impulse"); break;
            case OscArgument.Char a: builder.Append('\'').Append(a.Value).Append('\''); break;
            case OscArgument.Rgba a: builder.Append(inv, $"rgba({a.Red},{a.Green},{a.Blue},{a.Alpha})"); break;
            case OscArgument.Midi a: builder.Append(inv, $"midi({a.Port:x2} {a.Status:x2} {a.Data1:x2} {a.Data2:x2})"); break;
            case OscArgument.Array a:
                builder.Append('[');
                for (int i = 0; i < a.Elements.Count; i++)
                {
                    if (i > 0)
                    {
                        builder.Append(' ');
                    }

                    Append(builder, a.Elements[i]);
                }

                builder.Append(']');
                break;
        }
    }

    private static void AppendQuoted(StringBuilder builder, string value)
    {
        builder.Append('"');
        foreach (char c in value)
        {
            if (c is '"' or '\\')
            {
                builder.Append('\\');
            }

            builder.Append(c);
        }

        builder.Append('"');
    }
}
