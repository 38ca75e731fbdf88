using System.Text;

namespace RunsGateway.GraphQL.Language;

/// <summary>
/// Prints a syntax tree as canonical GraphQL text in graphql-js's <c>print</c> style: two-space indentation, one
/// selection per line, <c>, </c> between arguments, block strings kept as block strings.
/// </summary>
public static class Printer
{
    private const int MaxLineLength = 80;

    /// <summary>Prints <paramref name="node"/> (any node kind: document, definition, selection, value, type...).</summary>
    public static string Print(SyntaxNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return node switch
        {
            NameNode n => n.Value,
            DocumentNode n => Join(n.Definitions.Select(Print), "\n\n"),
            OperationDefinitionNode n => PrintOperation(n),
            VariableDefinitionNode n =>
                Wrap(string.Empty, PrintOptional(n.Description), " ")
                + Print(n.Variable) + ": " + Print(n.Type)
                + Wrap(" = ", PrintOptional(n.DefaultValue))
                + Wrap(" ", PrintDirectives(n.Directives)),
            SelectionSetNode n => Block(n.Selections.Select(Print)),
            FieldNode n => PrintField(n),
            ArgumentNode n => n.Name.Value + ": " + Print(n.Value),
            FragmentSpreadNode n => "..." + n.Name.Value + Wrap(" ", PrintDirectives(n.Directives)),
            InlineFragmentNode n => Join(
                ["...", Wrap("on ", n.TypeCondition is null ? null : Print(n.TypeCondition)), PrintDirectives(n.Directives), Print(n.SelectionSet)],
                " "),
            FragmentDefinitionNode n =>
                Wrap(string.Empty, PrintOptional(n.Description), "\n")
                + "fragment " + n.Name.Value + " on " + Print(n.TypeCondition) + " "
                + Wrap(string.Empty, PrintDirectives(n.Directives), " ")
                + Print(n.SelectionSet),
            VariableNode n => "$" + n.Name.Value,
            IntValueNode n => n.Value,
            FloatValueNode n => n.Value,
            StringValueNode n => n.Block ? BlockString.Print(n.Value) : PrintString(n.Value),
            BooleanValueNode n => n.Value ? "true" : "false",
            NullValueNode => "null",
            EnumValueNode n => n.Value,
            ListValueNode n => "[" + Join(n.Values.Select(Print), ", ") + "]",
            ObjectValueNode n => "{" + Join(n.Fields.Select(Print), ", ") + "}",
            ObjectFieldNode n => n.Name.Value + ": " + Print(n.Value),
            DirectiveNode n => "@" + n.Name.Value + Wrap("(", Join(n.Arguments.Select(Print), ", "), ")"),
            NamedTypeNode n => n.Name.Value,
            ListTypeNode n => "[" + Print(n.Type) + "]",
            NonNullTypeNode n => Print(n.Type) + "!",
            SchemaDefinitionNode n =>
                Wrap(string.Empty, PrintOptional(n.Description), "\n")
                + Join(["schema", PrintDirectives(n.Directives), Block(n.OperationTypes.Select(Print))], " "),
            OperationTypeDefinitionNode n => OperationName(n.Operation) + ": " + Print(n.Type),
            ScalarTypeDefinitionNode n =>
                Wrap(string.Empty, PrintOptional(n.Description), "\n")
                + Join(["scalar", n.Name.Value, PrintDirectives(n.Directives)], " "),
            ObjectTypeDefinitionNode n =>
                Wrap(string.Empty, PrintOptional(n.Description), "\n")
                + Join(["type", n.Name.Value, PrintImplements(n.Interfaces), PrintDirectives(n.Directives), Block(n.Fields.Select(Print))], " "),
            FieldDefinitionNode n =>
                Wrap(string.Empty, PrintOptional(n.Description), "\n")
                + n.Name.Value + PrintArgumentDefinitions(n.Arguments) + ": " + Print(n.Type)
                + Wrap(" ", PrintDirectives(n.Directives)),
            InputValueDefinitionNode n =>
                Wrap(string.Empty, PrintOptional(n.Description), "\n")
                + Join([n.Name.Value + ": " + Print(n.Type), Wrap("= ", PrintOptional(n.DefaultValue)), PrintDirectives(n.Directives)], " "),
            InterfaceTypeDefinitionNode n =>
                Wrap(string.Empty, PrintOptional(n.Description), "\n")
                + Join(["interface", n.Name.Value, PrintImplements(n.Interfaces), PrintDirectives(n.Directives), Block(n.Fields.Select(Print))], " "),
            UnionTypeDefinitionNode n =>
                Wrap(string.Empty, PrintOptional(n.Description), "\n")
                + Join(["union", n.Name.Value, PrintDirectives(n.Directives), Wrap("= ", Join(n.Types.Select(Print), " | "))], " "),
            EnumTypeDefinitionNode n =>
                Wrap(string.Empty, PrintOptional(n.Description), "\n")
                + Join(["enum", n.Name.Value, PrintDirectives(n.Directives), Block(n.Values.Select(Print))], " "),
            EnumValueDefinitionNode n =>
                Wrap(string.Empty, PrintOptional(n.Description), "\n")
                + Join([n.Name.Value, PrintDirectives(n.Directives)], " "),
            InputObjectTypeDefinitionNode n =>
                Wrap(string.Empty, PrintOptional(n.Description), "\n")
                + Join(["input", n.Name.Value, PrintDirectives(n.Directives), Block(n.Fields.Select(Print))], " "),
            DirectiveDefinitionNode n =>
                Wrap(string.Empty, PrintOptional(n.Description), "\n")
                + "directive @" + n.Name.Value + PrintArgumentDefinitions(n.Arguments)
                + (n.Repeatable ? " repeatable" : string.Empty)
                + " on " + Join(n.Locations.Select(Print), " | "),
            SchemaExtensionNode n => Join(["extend schema", PrintDirectives(n.Directives), Block(n.OperationTypes.Select(Print))], " "),
            ScalarTypeExtensionNode n => Join(["extend scalar", n.Name.Value, PrintDirectives(n.Directives)], " "),
            ObjectTypeExtensionNode n =>
                Join(["extend type", n.Name.Value, PrintImplements(n.Interfaces), PrintDirectives(n.Directives), Block(n.Fields.Select(Print))], " "),
            InterfaceTypeExtensionNode n =>
                Join(["extend interface", n.Name.Value, PrintImplements(n.Interfaces), PrintDirectives(n.Directives), Block(n.Fields.Select(Print))], " "),
            UnionTypeExtensionNode n =>
                Join(["extend union", n.Name.Value, PrintDirectives(n.Directives), Wrap("= ", Join(n.Types.Select(Print), " | "))], " "),
            EnumTypeExtensionNode n => Join(["extend enum", n.Name.Value, PrintDirectives(n.Directives), Block(n.Values.Select(Print))], " "),
            InputObjectTypeExtensionNode n => Join(["extend input", n.Name.Value, PrintDirectives(n.Directives), Block(n.Fields.Select(Print))], " "),
            _ => throw new ArgumentException($"Unknown syntax node kind {node.Kind}.", nameof(node)),
        };
    }

    /// <summary>Prints <paramref name="value"/> as a quoted GraphQL string with graphql-js's escapes.</summary>
    public static string PrintString(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var builder = new StringBuilder(value.Length + 2);
        builder.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"':
                    builder.Append("\\\"");
                    break;
                case '\\':
                    builder.Append("\\\\");
                    break;
                case '\b':
                    builder.Append("\\b");
                    break;
                case '\f':
                    builder.Append("\\f");
                    break;
                case '\n':
                    builder.Append("\\n");
                    break;
                case '\r':
                    builder.Append("\\r");
                    break;
                case '\t':
                    builder.Append("\\t");
                    break;
                default:
                    if (c < ' ' || c is >= '\u007F' and <= '\u009F')
                    {
                        builder.Append("\\u").Append(((int)c).ToString("X4", System.Globalization.CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        return builder.Append('"').ToString();
    }

    /// <summary>The GraphQL keyword of an operation type.</summary>
    public static string OperationName(OperationType operation) => operation switch
    {
        OperationType.Mutation => "mutation",
        OperationType.Subscription => "subscription",
        _ => "query",
    };

    private static string PrintOperation(OperationDefinitionNode node)
    {
        var variables = Wrap("(", Join(node.VariableDefinitions.Select(Print), ", "), ")");
        var prefix = Join([OperationName(node.Operation), Join([node.Name?.Value, variables], string.Empty), PrintDirectives(node.Directives)], " ");
        var description = Wrap(string.Empty, PrintOptional(node.Description), "\n");

        // Anonymous queries without directives or variables use the shorthand form.
        return description + (prefix == "query" && description.Length == 0 ? string.Empty : prefix + " ") + Print(node.SelectionSet);
    }

    private static string PrintField(FieldNode node)
    {
        var prefix = Wrap(string.Empty, node.Alias?.Value, ": ") + node.Name.Value;
        var arguments = node.Arguments.Select(Print).ToList();
        var argumentsLine = prefix + Wrap("(", Join(arguments, ", "), ")");
        if (argumentsLine.Length > MaxLineLength)
        {
            argumentsLine = prefix + Wrap("(\n", Indent(Join(arguments, "\n")), "\n)");
        }

        return Join([argumentsLine, PrintDirectives(node.Directives), node.SelectionSet is null ? null : Print(node.SelectionSet)], " ");
    }

    private static string PrintArgumentDefinitions(IReadOnlyList<InputValueDefinitionNode> arguments)
    {
        var printed = arguments.Select(Print).ToList();
        return printed.Exists(a => a.Contains('\n', StringComparison.Ordinal))
            ? Wrap("(\n", Indent(Join(printed, "\n")), "\n)")
            : Wrap("(", Join(printed, ", "), ")");
    }

    private static string PrintImplements(IReadOnlyList<NamedTypeNode> interfaces) =>
        Wrap("implements ", Join(interfaces.Select(Print), " & "));

    private static string PrintDirectives(IReadOnlyList<DirectiveNode> directives) => Join(directives.Select(Print), " ");

    private static string? PrintOptional(SyntaxNode? node) => node is null ? null : Print(node);

    private static string Join(IEnumerable<string?> parts, string separator) =>
        string.Join(separator, parts.Where(p => !string.IsNullOrEmpty(p)));

    private static string Block(IEnumerable<string> items) => Wrap("{\n", Indent(Join(items, "\n")), "\n}");

    private static string Wrap(string start, string? value, string end = "") =>
        string.IsNullOrEmpty(value) ? string.Empty : start + value + end;

    private static string Indent(string value) =>
        Wrap("  ", value.Replace("\n", "\n  ", StringComparison.Ordinal));
}
