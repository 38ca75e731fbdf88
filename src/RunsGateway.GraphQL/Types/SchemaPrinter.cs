using System.Text;
using RunsGateway.GraphQL.Introspection;
using RunsGateway.GraphQL.Language;

namespace RunsGateway.GraphQL.Types;

/// <summary>
/// Prints a schema as SDL in graphql-js's <c>printSchema</c> layout: the schema definition (only when it is not implied by
/// the names Query/Mutation/Subscription or when the schema has a description), custom directives, then every type except
/// the specified scalars and the introspection types. Descriptions are block strings when they survive a round trip.
/// </summary>
public static class SchemaPrinter
{
    /// <summary>Prints <paramref name="schema"/> as SDL, ending with a newline.</summary>
    public static string Print(Schema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var parts = new List<string>();
        if (PrintSchemaDefinition(schema) is { } definition)
        {
            parts.Add(definition);
        }

        foreach (var directive in schema.Directives)
        {
            if (!directive.IsBuiltIn)
            {
                parts.Add(PrintDirective(directive));
            }
        }

        foreach (var type in schema.Types.Values)
        {
            if (!Scalars.IsSpecifiedScalarName(type.Name) && !IntrospectionTypes.IsIntrospectionTypeName(type.Name))
            {
                parts.Add(PrintType(type));
            }
        }

        // A trailing newline so the text can be written as a file as is.
        return parts.Count == 0 ? string.Empty : string.Join("\n\n", parts) + "\n";
    }

    /// <summary>Prints one named type as SDL.</summary>
    public static string PrintType(NamedType type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return type switch
        {
            ScalarType scalar => PrintDescription(scalar.Description) + "scalar " + scalar.Name + PrintSpecifiedBy(scalar.SpecifiedByUrl),
            ObjectType obj => PrintDescription(obj.Description) + "type " + obj.Name + PrintImplements(obj) + PrintFields(obj),
            InterfaceType iface => PrintDescription(iface.Description) + "interface " + iface.Name + PrintImplements(iface) + PrintFields(iface),
            UnionType union => PrintDescription(union.Description) + "union " + union.Name
                + (union.Types.Count > 0 ? " = " + string.Join(" | ", union.Types.Select(t => t.Name)) : string.Empty),
            EnumType enumType => PrintDescription(enumType.Description) + "enum " + enumType.Name + PrintBlock(
                enumType.Values.Select((v, i) => PrintDescription(v.Description, "  ", i == 0) + "  " + v.Name + PrintDeprecated(v.DeprecationReason))),
            InputObjectType input => PrintDescription(input.Description) + "input " + input.Name + (input.IsOneOf ? " @oneOf" : string.Empty)
                + PrintBlock(input.Fields.Values.Select((f, i) => PrintDescription(f.Description, "  ", i == 0) + "  " + PrintInputValue(f))),
            _ => throw new ArgumentException($"Unknown type kind {type.Kind}.", nameof(type)),
        };
    }

    /// <summary>Prints one directive definition as SDL.</summary>
    public static string PrintDirective(DirectiveDefinition directive)
    {
        ArgumentNullException.ThrowIfNull(directive);
        return PrintDescription(directive.Description) + "directive @" + directive.Name + PrintArguments(directive.Arguments, string.Empty)
            + (directive.IsRepeatable ? " repeatable" : string.Empty)
            + " on " + string.Join(" | ", directive.Locations.Select(l => l.ToSpecName()));
    }

    private static string? PrintSchemaDefinition(Schema schema)
    {
        if (!schema.HasQueryType)
        {
            return null;
        }

        var query = schema.QueryType;
        var commonNames = query.Name == "Query"
            && (schema.MutationType is null || schema.MutationType.Name == "Mutation")
            && (schema.SubscriptionType is null || schema.SubscriptionType.Name == "Subscription");
        if (schema.Description is null && commonNames)
        {
            return null;
        }

        var builder = new StringBuilder();
        builder.Append(PrintDescription(schema.Description)).Append("schema {\n  query: ").Append(query.Name);
        if (schema.MutationType is { } mutation)
        {
            builder.Append("\n  mutation: ").Append(mutation.Name);
        }

        if (schema.SubscriptionType is { } subscription)
        {
            builder.Append("\n  subscription: ").Append(subscription.Name);
        }

        return builder.Append("\n}").ToString();
    }

    private static string PrintImplements(ComplexType type) =>
        type.Interfaces.Count > 0 ? " implements " + string.Join(" & ", type.Interfaces.Select(i => i.Name)) : string.Empty;

    private static string PrintFields(ComplexType type) => PrintBlock(type.Fields.Values.Select((f, i) =>
        PrintDescription(f.Description, "  ", i == 0) + "  " + f.Name + PrintArguments(f.Arguments, "  ") + ": " + f.Type
        + PrintDeprecated(f.DeprecationReason)));

    private static string PrintBlock(IEnumerable<string> items)
    {
        var list = items.ToList();
        return list.Count > 0 ? " {\n" + string.Join("\n", list) + "\n}" : string.Empty;
    }

    private static string PrintArguments(IReadOnlyList<InputValueDefinition> arguments, string indentation)
    {
        if (arguments.Count == 0)
        {
            return string.Empty;
        }

        // Arguments without descriptions fit on one line.
        if (arguments.All(a => a.Description is null))
        {
            return "(" + string.Join(", ", arguments.Select(PrintInputValue)) + ")";
        }

        return "(\n"
            + string.Join("\n", arguments.Select((a, i) => PrintDescription(a.Description, "  " + indentation, i == 0) + "  " + indentation + PrintInputValue(a)))
            + "\n" + indentation + ")";
    }

    private static string PrintInputValue(InputValueDefinition value)
    {
        var text = value.Name + ": " + value.Type;
        if (ValueCoercion.PrintDefaultValue(value) is { } defaultValue)
        {
            text += " = " + defaultValue;
        }

        return text + PrintDeprecated(value.DeprecationReason);
    }

    private static string PrintDeprecated(string? reason) => reason switch
    {
        null => string.Empty,
        BuiltInDirectives.DefaultDeprecationReason => " @deprecated",
        _ => " @deprecated(reason: " + Printer.PrintString(reason) + ")",
    };

    private static string PrintSpecifiedBy(string? url) =>
        url is null ? string.Empty : " @specifiedBy(url: " + Printer.PrintString(url) + ")";

    private static string PrintDescription(string? description, string indentation = "", bool firstInBlock = true)
    {
        if (description is null)
        {
            return string.Empty;
        }

        var text = BlockString.IsPrintable(description) ? BlockString.Print(description) : Printer.PrintString(description);
        var prefix = indentation.Length > 0 && !firstInBlock ? "\n" + indentation : indentation;
        return prefix + text.Replace("\n", "\n" + indentation, StringComparison.Ordinal) + "\n";
    }
}
