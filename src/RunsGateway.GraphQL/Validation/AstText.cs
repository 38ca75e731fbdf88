using System.Text;
using RunsGateway.GraphQL.Language;

namespace RunsGateway.GraphQL.Validation;

/// <summary>GraphQL text of values and type references for error messages.</summary>
internal static class AstText
{
    public static string Print(TypeNode node) => node switch
    {
        NamedTypeNode named => named.Name.Value,
        ListTypeNode list => "[" + Print(list.Type) + "]",
        NonNullTypeNode nonNull => Print(nonNull.Type) + "!",
        _ => string.Empty,
    };

    public static string Print(ValueNode node)
    {
        var sb = new StringBuilder();
        Append(sb, node);
        return sb.ToString();
    }

    private static void Append(StringBuilder sb, ValueNode node)
    {
        switch (node)
        {
            case VariableNode variable:
                sb.Append('$').Append(variable.Name.Value);
                break;
            case IntValueNode intValue:
                sb.Append(intValue.Value);
                break;
            case FloatValueNode floatValue:
                sb.Append(floatValue.Value);
                break;
            case StringValueNode stringValue:
                AppendString(sb, stringValue.Value);
                break;
            case BooleanValueNode booleanValue:
                sb.Append(booleanValue.Value ? "true" : "false");
                break;
            case NullValueNode:
                sb.Append("null");
                break;
            case EnumValueNode enumValue:
                sb.Append(enumValue.Value);
                break;
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
                    sb.Append(i > 0 ? ", " : " ");
                    sb.Append(obj.Fields[i].Name.Value).Append(": ");
                    Append(sb, obj.Fields[i].Value);
                }

                sb.Append(obj.Fields.Count > 0 ? " }" : "}");
                break;
        }
    }

    public static void AppendString(StringBuilder sb, string value)
    {
        sb.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"':
                    sb.Append("\\\"");
                    break;
                case '\\':
                    sb.Append("\\\\");
                    break;
                case '\n':
                    sb.Append("\\n");
                    break;
                case '\r':
                    sb.Append("\\r");
                    break;
                case '\t':
                    sb.Append("\\t");
                    break;
                default:
                    if (c < 0x20)
                    {
                        sb.Append("\\u").Append(((int)c).ToString("X4", System.Globalization.CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        sb.Append(c);
                    }

                    break;
            }
        }

        sb.Append('"');
    }
}
