using System.Globalization;
using System.Text;
using RunsGateway.GraphQL.Language;

namespace RunsGateway.GraphQL.Tests.Language;

/// <summary>Describes a syntax tree without locations so that two trees can be compared for structural equality.</summary>
internal static class SyntaxTreeComparer
{
    public static string Describe(SyntaxNode node)
    {
        var builder = new StringBuilder();
        Append(builder, node, 0);
        return builder.ToString();
    }

    private static void Append(StringBuilder builder, SyntaxNode node, int indent)
    {
        builder.Append(' ', indent * 2).Append(node.Kind);
        switch (node)
        {
            case NameNode n:
                builder.Append(' ').Append(n.Value);
                break;
            case IntValueNode n:
                builder.Append(' ').Append(n.Value);
                break;
            case FloatValueNode n:
                builder.Append(' ').Append(n.Value);
                break;
            case StringValueNode n:
                builder.Append(CultureInfo.InvariantCulture, $" block={n.Block} ").Append(System.Text.Json.JsonSerializer.Serialize(n.Value));
                break;
            case BooleanValueNode n:
                builder.Append(' ').Append(n.Value);
                break;
            case EnumValueNode n:
                builder.Append(' ').Append(n.Value);
                break;
            case OperationDefinitionNode n:
                builder.Append(' ').Append(n.Operation);
                break;
            case OperationTypeDefinitionNode n:
                builder.Append(' ').Append(n.Operation);
                break;
            case DirectiveDefinitionNode n:
                builder.Append(" repeatable=").Append(n.Repeatable);
                break;
            default:
                break;
        }

        builder.Append('\n');
        foreach (var child in SyntaxWalker.GetChildren(node))
        {
            Append(builder, child, indent + 1);
        }
    }
}
