using System.Globalization;
using System.Text;
using RunsGateway.GraphQL.Language;

namespace RunsGateway.GraphQL.Types;

/// <summary>Prints value literals and type references the way graphql-js's printer does (used in messages and defaults).</summary>
internal static class LiteralPrinter
{
    public static string Print(ValueNode node)
    {
        var sb = new StringBuilder();
        Append(sb, node);
        return sb.ToString();
    }

    public static string Print(TypeNode node) => node switch
    {
        NamedTypeNode named => named.Name.Value,
        ListTypeNode list => "[" + Print(list.Type) + "]",
        NonNullTypeNode nonNull => Print(nonNull.Type) + "!",
        _ => string.Empty,
    };

    public static void Append(StringBuilder sb, ValueNode node)
    {
        switch (node)
        {
            case VariableNode v: sb.Append('$').Append(v.Name.Value); break;
            case IntValueNode i: sb.Append(i.Value); break;
            case FloatValueNode f: sb.Append(f.Value); break;
            case StringValueNode s: sb.Append(PrintString(s.Value)); break;
            case BooleanValueNode b: sb.Append(b.Value ? "true" : "false"); break;
            case NullValueNode: sb.Append("null"); break;
            case EnumValueNode e: sb.Append(e.Value); break;
            case ListValueNode list:
                sb.Append('[');
                for (var i = 0; i < list.Values.Count; i++)
                {
                    if (i > 0)
                    {
                        sb.Append(", ");
                    }

                    Append(sb, list.Values[i]);
                }

                sb.Append(']');
                break;
            case ObjectValueNode obj:
                sb.Append('{');
                for (var i = 0; i < obj.Fields.Count; i++)
                {
                    if (i > 0)
                    {
                        sb.Append(", ");
                    }

                    sb.Append(obj.Fields[i].Name.Value).Append(": ");
                    Append(sb, obj.Fields[i].Value);
                }

                sb.Append('}');
                break;
        }
    }

    /// <summary>A GraphQL string literal with graphql-js's escapes.</summary>
    public static string PrintString(string value)
    {
        var sb = new StringBuilder(value.Length + 2);
        sb.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                default:
                    if (c < 0x20 || (c >= 0x7F && c <= 0x9F))
                    {
                        sb.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        sb.Append(c);
                    }

                    break;
            }
        }

        return sb.Append('"').ToString();
    }
}
