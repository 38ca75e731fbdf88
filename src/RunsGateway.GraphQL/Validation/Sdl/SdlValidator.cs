using RunsGateway.GraphQL.Language;
using RunsGateway.GraphQL.Types;

namespace RunsGateway.GraphQL.Validation.Sdl;

/// <summary>
/// Validates type-system documents (SDL) with graphql-js's SDL rules, each runnable alone by its graphql-js name.
/// </summary>
public static class SdlValidator
{
    /// <summary>The SDL rules in graphql-js's <c>specifiedSDLRules</c> order.</summary>
    public static IReadOnlyList<string> RuleNames { get; } =
    [
        "LoneSchemaDefinitionRule",
        "UniqueOperationTypesRule",
        "UniqueTypeNamesRule",
        "UniqueEnumValueNamesRule",
        "UniqueFieldDefinitionNamesRule",
        "UniqueArgumentDefinitionNamesRule",
        "UniqueDirectiveNamesRule",
        "KnownTypeNamesRule",
        "KnownDirectivesRule",
        "UniqueDirectivesPerLocationRule",
        "PossibleTypeExtensionsRule",
        "KnownArgumentNamesOnDirectivesRule",
        "UniqueArgumentNamesRule",
        "UniqueInputFieldNamesRule",
        "ProvidedRequiredArgumentsOnDirectivesRule",
    ];

    /// <summary>
    /// Validates <paramref name="document"/>, optionally as an extension of <paramref name="schemaToExtend"/>, with the
    /// named rules (all SDL rules when null). Unknown rule names throw.
    /// </summary>
    /// <exception cref="ArgumentException">A rule name is not an SDL rule.</exception>
    public static IReadOnlyList<GraphQLError> Validate(DocumentNode document, Schema? schemaToExtend, IEnumerable<string>? ruleNames = null)
    {
        ArgumentNullException.ThrowIfNull(document);
        var selected = ruleNames?.ToList() ?? [.. RuleNames];
        foreach (var name in selected)
        {
            if (!RuleNames.Contains(name))
            {
                throw new ArgumentException($"\"{name}\" is not an SDL validation rule. Known rules: {string.Join(", ", RuleNames)}.", nameof(ruleNames));
            }
        }

        var context = new SdlContext(document, schemaToExtend);
        foreach (var name in RuleNames)
        {
            if (!selected.Contains(name))
            {
                continue;
            }

            switch (name)
            {
                case "LoneSchemaDefinitionRule": SdlRules.LoneSchemaDefinition(context); break;
                case "UniqueOperationTypesRule": SdlRules.UniqueOperationTypes(context); break;
                case "UniqueTypeNamesRule": SdlRules.UniqueTypeNames(context); break;
                case "UniqueEnumValueNamesRule": SdlRules.UniqueEnumValueNames(context); break;
                case "UniqueFieldDefinitionNamesRule": SdlRules.UniqueFieldDefinitionNames(context); break;
                case "UniqueArgumentDefinitionNamesRule": SdlRules.UniqueArgumentDefinitionNames(context); break;
                case "UniqueDirectiveNamesRule": SdlRules.UniqueDirectiveNames(context); break;
                case "KnownTypeNamesRule": SdlRules.KnownTypeNames(context); break;
                case "KnownDirectivesRule": SdlRules.KnownDirectives(context); break;
                case "UniqueDirectivesPerLocationRule": SdlRules.UniqueDirectivesPerLocation(context); break;
                case "PossibleTypeExtensionsRule": SdlRules.PossibleTypeExtensions(context); break;
                case "KnownArgumentNamesOnDirectivesRule": SdlRules.KnownArgumentNamesOnDirectives(context); break;
                case "UniqueArgumentNamesRule": SdlRules.UniqueArgumentNames(context); break;
                case "UniqueInputFieldNamesRule": SdlRules.UniqueInputFieldNames(context); break;
                case "ProvidedRequiredArgumentsOnDirectivesRule": SdlRules.ProvidedRequiredArgumentsOnDirectives(context); break;
            }
        }

        return context.Errors;
    }
}

/// <summary>A place where directives are applied: the directives, their location and the key of the node sharing uniqueness.</summary>
internal readonly record struct DirectiveSite(IReadOnlyList<DirectiveNode> Directives, DirectiveLocation Location, string? UniquenessKey);

/// <summary>A named type reference and whether it sits inside a type-system definition.</summary>
internal readonly record struct TypeReference(NamedTypeNode Node, bool InSdl);

/// <summary>The document, the schema being extended and the nodes the rules look at, collected once in document order.</summary>
internal sealed class SdlContext
{
    private readonly List<GraphQLError> _errors = [];

    public SdlContext(DocumentNode document, Schema? schema)
    {
        Document = document;
        Schema = schema;
        foreach (var definition in document.Definitions)
        {
            CollectDefinition(definition);
        }
    }

    public DocumentNode Document { get; }

    public Schema? Schema { get; }

    public List<DirectiveSite> DirectiveSites { get; } = [];

    public List<TypeReference> TypeReferences { get; } = [];

    public List<IReadOnlyList<ArgumentNode>> ArgumentLists { get; } = [];

    public List<ObjectValueNode> ObjectValues { get; } = [];

    public IReadOnlyList<GraphQLError> Errors => _errors;

    public void Report(string message, params SyntaxNode[] nodes)
        => _errors.Add(new GraphQLError(
            message,
            [.. nodes.Where(n => !n.Location.IsEmpty).Select(n => n.Location.ToSourceLocation())],
            extensions: new Dictionary<string, object?> { ["code"] = ErrorCodes.ValidationFailed }));

    private void Directives(IReadOnlyList<DirectiveNode> directives, DirectiveLocation location, string? key)
    {
        DirectiveSites.Add(new DirectiveSite(directives, location, key));
        foreach (var directive in directives)
        {
            Arguments(directive.Arguments);
        }
    }

    private void Arguments(IReadOnlyList<ArgumentNode> arguments)
    {
        ArgumentLists.Add(arguments);
        foreach (var argument in arguments)
        {
            Value(argument.Value);
        }
    }

    private void Value(ValueNode? value)
    {
        switch (value)
        {
            case ListValueNode list:
                foreach (var item in list.Values)
                {
                    Value(item);
                }

                break;
            case ObjectValueNode obj:
                ObjectValues.Add(obj);
                foreach (var field in obj.Fields)
                {
                    Value(field.Value);
                }

                break;
        }
    }

    private void TypeRef(TypeNode type, bool inSdl)
    {
        switch (type)
        {
            case NamedTypeNode named: TypeReferences.Add(new TypeReference(named, inSdl)); break;
            case ListTypeNode list: TypeRef(list.Type, inSdl); break;
            case NonNullTypeNode nonNull: TypeRef(nonNull.Type, inSdl); break;
        }
    }

    private void InputValues(IReadOnlyList<InputValueDefinitionNode> values, DirectiveLocation location)
    {
        foreach (var value in values)
        {
            TypeRef(value.Type, true);
            Value(value.DefaultValue);
            Directives(value.Directives, location, null);
        }
    }

    private void Fields(IReadOnlyList<FieldDefinitionNode> fields)
    {
        foreach (var field in fields)
        {
            InputValues(field.Arguments, DirectiveLocation.ArgumentDefinition);
            TypeRef(field.Type, true);
            Directives(field.Directives, DirectiveLocation.FieldDefinition, null);
        }
    }

    private void CollectDefinition(DefinitionNode definition)
    {
        switch (definition)
        {
            case OperationDefinitionNode operation:
                foreach (var variable in operation.VariableDefinitions)
                {
                    TypeRef(variable.Type, false);
                    Value(variable.DefaultValue);
                    Directives(variable.Directives, DirectiveLocation.VariableDefinition, null);
                }

                Directives(
                    operation.Directives,
                    operation.Operation switch
                    {
                        OperationType.Mutation => DirectiveLocation.Mutation,
                        OperationType.Subscription => DirectiveLocation.Subscription,
                        _ => DirectiveLocation.Query,
                    },
                    null);
                Selections(operation.SelectionSet);
                break;
            case FragmentDefinitionNode fragment:
                TypeRef(fragment.TypeCondition, false);
                Directives(fragment.Directives, DirectiveLocation.FragmentDefinition, null);
                Selections(fragment.SelectionSet);
                break;
            case SchemaDefinitionNode schema:
                Directives(schema.Directives, DirectiveLocation.Schema, "schema");
                foreach (var operationType in schema.OperationTypes)
                {
                    TypeRef(operationType.Type, true);
                }

                break;
            case SchemaExtensionNode schemaExtension:
                Directives(schemaExtension.Directives, DirectiveLocation.Schema, "schema");
                foreach (var operationType in schemaExtension.OperationTypes)
                {
                    TypeRef(operationType.Type, true);
                }

                break;
            case DirectiveDefinitionNode directive:
                InputValues(directive.Arguments, DirectiveLocation.ArgumentDefinition);
                break;
            case ScalarTypeDefinitionNode scalar:
                Directives(scalar.Directives, DirectiveLocation.Scalar, "type:" + scalar.Name.Value);
                break;
            case ScalarTypeExtensionNode scalar:
                Directives(scalar.Directives, DirectiveLocation.Scalar, "type:" + scalar.Name.Value);
                break;
            case ObjectTypeDefinitionNode obj:
                Interfaces(obj.Interfaces);
                Directives(obj.Directives, DirectiveLocation.Object, "type:" + obj.Name.Value);
                Fields(obj.Fields);
                break;
            case ObjectTypeExtensionNode obj:
                Interfaces(obj.Interfaces);
                Directives(obj.Directives, DirectiveLocation.Object, "type:" + obj.Name.Value);
                Fields(obj.Fields);
                break;
            case InterfaceTypeDefinitionNode iface:
                Interfaces(iface.Interfaces);
                Directives(iface.Directives, DirectiveLocation.Interface, "type:" + iface.Name.Value);
                Fields(iface.Fields);
                break;
            case InterfaceTypeExtensionNode iface:
                Interfaces(iface.Interfaces);
                Directives(iface.Directives, DirectiveLocation.Interface, "type:" + iface.Name.Value);
                Fields(iface.Fields);
                break;
            case UnionTypeDefinitionNode union:
                Directives(union.Directives, DirectiveLocation.Union, "type:" + union.Name.Value);
                Interfaces(union.Types);
                break;
            case UnionTypeExtensionNode union:
                Directives(union.Directives, DirectiveLocation.Union, "type:" + union.Name.Value);
                Interfaces(union.Types);
                break;
            case EnumTypeDefinitionNode enumType:
                Directives(enumType.Directives, DirectiveLocation.Enum, "type:" + enumType.Name.Value);
                EnumValues(enumType.Values);
                break;
            case EnumTypeExtensionNode enumType:
                Directives(enumType.Directives, DirectiveLocation.Enum, "type:" + enumType.Name.Value);
                EnumValues(enumType.Values);
                break;
            case InputObjectTypeDefinitionNode input:
                Directives(input.Directives, DirectiveLocation.InputObject, "type:" + input.Name.Value);
                InputValues(input.Fields, DirectiveLocation.InputFieldDefinition);
                break;
            case InputObjectTypeExtensionNode input:
                Directives(input.Directives, DirectiveLocation.InputObject, "type:" + input.Name.Value);
                InputValues(input.Fields, DirectiveLocation.InputFieldDefinition);
                break;
        }
    }

    private void Interfaces(IReadOnlyList<NamedTypeNode> types)
    {
        foreach (var type in types)
        {
            TypeReferences.Add(new TypeReference(type, true));
        }
    }

    private void EnumValues(IReadOnlyList<EnumValueDefinitionNode> values)
    {
        foreach (var value in values)
        {
            Directives(value.Directives, DirectiveLocation.EnumValue, null);
        }
    }

    private void Selections(SelectionSetNode? selectionSet)
    {
        if (selectionSet is null)
        {
            return;
        }

        foreach (var selection in selectionSet.Selections)
        {
            switch (selection)
            {
                case FieldNode field:
                    Arguments(field.Arguments);
                    Directives(field.Directives, DirectiveLocation.Field, null);
                    Selections(field.SelectionSet);
                    break;
                case FragmentSpreadNode spread:
                    Directives(spread.Directives, DirectiveLocation.FragmentSpread, null);
                    break;
                case InlineFragmentNode inline:
                    if (inline.TypeCondition is not null)
                    {
                        TypeRef(inline.TypeCondition, false);
                    }

                    Directives(inline.Directives, DirectiveLocation.InlineFragment, null);
                    Selections(inline.SelectionSet);
                    break;
            }
        }
    }
}
