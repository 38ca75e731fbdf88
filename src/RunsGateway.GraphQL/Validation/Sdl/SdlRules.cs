using RunsGateway.GraphQL.Language;
using RunsGateway.GraphQL.Types;

namespace RunsGateway.GraphQL.Validation.Sdl;

/// <summary>The SDL validation rules (spec §3 and graphql-js's SDL rules).</summary>
internal static class SdlRules
{
    private static readonly string[] StandardTypeNames =
    [
        "String", "Int", "Float", "Boolean", "ID",
        "__Schema", "__Directive", "__DirectiveLocation", "__Type", "__Field", "__InputValue", "__EnumValue", "__TypeKind",
    ];

    public static void LoneSchemaDefinition(SdlContext context)
    {
        var schema = context.Schema;
        var alreadyDefined = schema is not null
            && (schema.AstNode is not null || schema.HasQueryType || schema.MutationType is not null || schema.SubscriptionType is not null);
        var count = 0;
        foreach (var definition in context.Document.Definitions.OfType<SchemaDefinitionNode>())
        {
            if (alreadyDefined)
            {
                context.Report("Cannot define a new schema within a schema extension.", definition);
            }
            else if (count > 0)
            {
                context.Report("Must provide only one schema definition.", definition);
            }

            count++;
        }
    }

    public static void UniqueOperationTypes(SdlContext context)
    {
        var schema = context.Schema;
        var defined = new Dictionary<OperationType, OperationTypeDefinitionNode>();
        foreach (var definition in context.Document.Definitions)
        {
            var operationTypes = definition switch
            {
                SchemaDefinitionNode s => s.OperationTypes,
                SchemaExtensionNode e => e.OperationTypes,
                _ => null,
            };
            foreach (var operationType in operationTypes ?? [])
            {
                var operation = operationType.Operation;
                var name = Printer.OperationName(operation);
                if (schema?.GetRootType(operation) is not null)
                {
                    context.Report($"Type for {name} already defined in the schema. It cannot be redefined.", operationType);
                }
                else if (defined.TryGetValue(operation, out var previous))
                {
                    context.Report($"There can be only one {name} type in schema.", previous, operationType);
                }
                else
                {
                    defined[operation] = operationType;
                }
            }
        }
    }

    public static void UniqueTypeNames(SdlContext context)
    {
        var known = new Dictionary<string, NameNode>(StringComparer.Ordinal);
        foreach (var definition in context.Document.Definitions.OfType<TypeDefinitionNode>())
        {
            var name = definition.Name.Value;
            if (context.Schema?.GetType(name) is not null)
            {
                context.Report($"Type \"{name}\" already exists in the schema. It cannot also be defined in this type definition.", definition.Name);
            }
            else if (known.TryGetValue(name, out var previous))
            {
                context.Report($"There can be only one type named \"{name}\".", previous, definition.Name);
            }
            else
            {
                known[name] = definition.Name;
            }
        }
    }

    public static void UniqueEnumValueNames(SdlContext context)
    {
        var known = new Dictionary<string, Dictionary<string, NameNode>>(StringComparer.Ordinal);
        foreach (var definition in context.Document.Definitions)
        {
            var (typeName, values) = definition switch
            {
                EnumTypeDefinitionNode d => (d.Name.Value, d.Values),
                EnumTypeExtensionNode e => (e.Name.Value, e.Values),
                _ => (null, null),
            };
            if (typeName is null || values is null)
            {
                continue;
            }

            if (!known.TryGetValue(typeName, out var names))
            {
                known[typeName] = names = new(StringComparer.Ordinal);
            }

            var existing = context.Schema?.GetType(typeName) as EnumType;
            foreach (var value in values)
            {
                var valueName = value.Name.Value;
                if (existing?.GetValue(valueName) is not null)
                {
                    context.Report($"Enum value \"{typeName}.{valueName}\" already exists in the schema. It cannot also be defined in this type extension.", value.Name);
                }
                else if (names.TryGetValue(valueName, out var previous))
                {
                    context.Report($"Enum value \"{typeName}.{valueName}\" can only be defined once.", previous, value.Name);
                }
                else
                {
                    names[valueName] = value.Name;
                }
            }
        }
    }

    public static void UniqueFieldDefinitionNames(SdlContext context)
    {
        var known = new Dictionary<string, Dictionary<string, NameNode>>(StringComparer.Ordinal);
        foreach (var definition in context.Document.Definitions)
        {
            (string? typeName, IEnumerable<NameNode>? fieldNames) = definition switch
            {
                ObjectTypeDefinitionNode d => (d.Name.Value, d.Fields.Select(f => f.Name)),
                ObjectTypeExtensionNode d => (d.Name.Value, d.Fields.Select(f => f.Name)),
                InterfaceTypeDefinitionNode d => (d.Name.Value, d.Fields.Select(f => f.Name)),
                InterfaceTypeExtensionNode d => (d.Name.Value, d.Fields.Select(f => f.Name)),
                InputObjectTypeDefinitionNode d => (d.Name.Value, d.Fields.Select(f => f.Name)),
                InputObjectTypeExtensionNode d => (d.Name.Value, d.Fields.Select(f => f.Name)),
                _ => ((string?)null, (IEnumerable<NameNode>?)null),
            };
            if (typeName is null || fieldNames is null)
            {
                continue;
            }

            if (!known.TryGetValue(typeName, out var names))
            {
                known[typeName] = names = new(StringComparer.Ordinal);
            }

            var existing = context.Schema?.GetType(typeName);
            foreach (var fieldName in fieldNames)
            {
                var name = fieldName.Value;
                var exists = existing switch
                {
                    ComplexType complex => complex.Fields.ContainsKey(name),
                    InputObjectType input => input.Fields.ContainsKey(name),
                    _ => false,
                };
                if (exists)
                {
                    context.Report($"Field \"{typeName}.{name}\" already exists in the schema. It cannot also be defined in this type extension.", fieldName);
                }
                else if (names.TryGetValue(name, out var previous))
                {
                    context.Report($"Field \"{typeName}.{name}\" can only be defined once.", previous, fieldName);
                }
                else
                {
                    names[name] = fieldName;
                }
            }
        }
    }

    public static void UniqueArgumentDefinitionNames(SdlContext context)
    {
        foreach (var definition in context.Document.Definitions)
        {
            switch (definition)
            {
                case DirectiveDefinitionNode directive:
                    CheckArguments(context, "@" + directive.Name.Value, directive.Arguments);
                    break;
                case ObjectTypeDefinitionNode d: CheckFieldArguments(context, d.Name.Value, d.Fields); break;
                case ObjectTypeExtensionNode d: CheckFieldArguments(context, d.Name.Value, d.Fields); break;
                case InterfaceTypeDefinitionNode d: CheckFieldArguments(context, d.Name.Value, d.Fields); break;
                case InterfaceTypeExtensionNode d: CheckFieldArguments(context, d.Name.Value, d.Fields); break;
            }
        }

        static void CheckFieldArguments(SdlContext context, string typeName, IReadOnlyList<FieldDefinitionNode> fields)
        {
            foreach (var field in fields)
            {
                CheckArguments(context, typeName + "." + field.Name.Value, field.Arguments);
            }
        }

        static void CheckArguments(SdlContext context, string parentName, IReadOnlyList<InputValueDefinitionNode> arguments)
        {
            foreach (var group in arguments.GroupBy(a => a.Name.Value, StringComparer.Ordinal))
            {
                if (group.Count() > 1)
                {
                    context.Report($"Argument \"{parentName}({group.Key}:)\" can only be defined once.", [.. group.Select(a => (SyntaxNode)a.Name)]);
                }
            }
        }
    }

    public static void UniqueDirectiveNames(SdlContext context)
    {
        var known = new Dictionary<string, NameNode>(StringComparer.Ordinal);
        foreach (var definition in context.Document.Definitions.OfType<DirectiveDefinitionNode>())
        {
            var name = definition.Name.Value;
            if (context.Schema?.GetDirective(name) is not null)
            {
                context.Report($"Directive \"@{name}\" already exists in the schema. It cannot be redefined.", definition.Name);
            }
            else if (known.TryGetValue(name, out var previous))
            {
                context.Report($"There can be only one directive named \"@{name}\".", previous, definition.Name);
            }
            else
            {
                known[name] = definition.Name;
            }
        }
    }

    public static void KnownTypeNames(SdlContext context)
    {
        var defined = new HashSet<string>(context.Document.Definitions.OfType<TypeDefinitionNode>().Select(d => d.Name.Value), StringComparer.Ordinal);
        foreach (var reference in context.TypeReferences)
        {
            var name = reference.Node.Name.Value;
            if (defined.Contains(name) || context.Schema?.GetType(name) is not null)
            {
                continue;
            }

            if (reference.InSdl && StandardTypeNames.Contains(name))
            {
                continue;
            }

            var candidates = (context.Schema?.Types.Keys ?? []).Concat(defined);
            if (reference.InSdl)
            {
                candidates = StandardTypeNames.Concat(candidates);
            }

            context.Report($"Unknown type \"{name}\"." + ValueCoercion.DidYouMean(name, candidates.Distinct()), reference.Node);
        }
    }

    public static void KnownDirectives(SdlContext context)
    {
        var locations = new Dictionary<string, IReadOnlyList<DirectiveLocation>>(StringComparer.Ordinal);
        foreach (var directive in context.Schema?.Directives ?? BuiltInDirectives.All)
        {
            locations[directive.Name] = directive.Locations;
        }

        foreach (var definition in context.Document.Definitions.OfType<DirectiveDefinitionNode>())
        {
            var parsed = new List<DirectiveLocation>();
            foreach (var name in definition.Locations)
            {
                if (SpecNames.TryParseDirectiveLocation(name.Value, out var location))
                {
                    parsed.Add(location);
                }
            }

            locations[definition.Name.Value] = parsed;
        }

        foreach (var site in context.DirectiveSites)
        {
            foreach (var directive in site.Directives)
            {
                var name = directive.Name.Value;
                if (!locations.TryGetValue(name, out var allowed))
                {
                    context.Report($"Unknown directive \"@{name}\".", directive);
                }
                else if (!allowed.Contains(site.Location))
                {
                    context.Report($"Directive \"@{name}\" may not be used on {site.Location.ToSpecName()}.", directive);
                }
            }
        }
    }

    public static void UniqueDirectivesPerLocation(SdlContext context)
    {
        var unique = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var directive in context.Schema?.Directives ?? BuiltInDirectives.All)
        {
            unique[directive.Name] = !directive.IsRepeatable;
        }

        foreach (var definition in context.Document.Definitions.OfType<DirectiveDefinitionNode>())
        {
            unique[definition.Name.Value] = !definition.Repeatable;
        }

        var shared = new Dictionary<string, Dictionary<string, DirectiveNode>>(StringComparer.Ordinal);
        foreach (var site in context.DirectiveSites)
        {
            Dictionary<string, DirectiveNode> seen;
            if (site.UniquenessKey is null)
            {
                seen = new(StringComparer.Ordinal);
            }
            else if (!shared.TryGetValue(site.UniquenessKey, out seen!))
            {
                shared[site.UniquenessKey] = seen = new(StringComparer.Ordinal);
            }

            foreach (var directive in site.Directives)
            {
                var name = directive.Name.Value;
                if (!unique.TryGetValue(name, out var isUnique) || !isUnique)
                {
                    continue;
                }

                if (seen.TryGetValue(name, out var previous))
                {
                    context.Report($"The directive \"@{name}\" can only be used once at this location.", previous, directive);
                }
                else
                {
                    seen[name] = directive;
                }
            }
        }
    }

    public static void PossibleTypeExtensions(SdlContext context)
    {
        var defined = new Dictionary<string, TypeDefinitionNode>(StringComparer.Ordinal);
        foreach (var definition in context.Document.Definitions.OfType<TypeDefinitionNode>())
        {
            defined.TryAdd(definition.Name.Value, definition);
        }

        foreach (var extension in context.Document.Definitions.OfType<TypeExtensionNode>())
        {
            var name = extension.Name.Value;
            var expected = ExtensionKind(extension);
            if (defined.TryGetValue(name, out var definition))
            {
                if (DefinitionKind(definition) != expected)
                {
                    context.Report($"Cannot extend non-{KindName(expected)} type \"{name}\".", definition, extension);
                }
            }
            else if (context.Schema?.GetType(name) is { } existing)
            {
                if (existing.Kind != expected)
                {
                    context.Report($"Cannot extend non-{KindName(expected)} type \"{name}\".", extension);
                }
            }
            else
            {
                var candidates = defined.Keys.Concat(context.Schema?.Types.Keys ?? []);
                context.Report($"Cannot extend type \"{name}\" because it is not defined." + ValueCoercion.DidYouMean(name, candidates), extension.Name);
            }
        }
    }

    public static void KnownArgumentNamesOnDirectives(SdlContext context)
    {
        var arguments = DirectiveArguments(context);
        foreach (var site in context.DirectiveSites)
        {
            foreach (var directive in site.Directives)
            {
                if (!arguments.TryGetValue(directive.Name.Value, out var known))
                {
                    continue;
                }

                foreach (var argument in directive.Arguments)
                {
                    if (!known.Any(a => a.Name == argument.Name.Value))
                    {
                        context.Report(
                            $"Unknown argument \"{argument.Name.Value}\" on directive \"@{directive.Name.Value}\"." + ValueCoercion.DidYouMean(argument.Name.Value, known.Select(a => a.Name)),
                            argument);
                    }
                }
            }
        }
    }

    public static void ProvidedRequiredArgumentsOnDirectives(SdlContext context)
    {
        var arguments = DirectiveArguments(context);
        foreach (var site in context.DirectiveSites)
        {
            foreach (var directive in site.Directives)
            {
                if (!arguments.TryGetValue(directive.Name.Value, out var known))
                {
                    continue;
                }

                foreach (var (name, type, required) in known)
                {
                    if (required && !directive.Arguments.Any(a => a.Name.Value == name))
                    {
                        context.Report($"Argument \"@{directive.Name.Value}({name}:)\" of type \"{type}\" is required, but it was not provided.", directive);
                    }
                }
            }
        }
    }

    public static void UniqueArgumentNames(SdlContext context)
    {
        foreach (var arguments in context.ArgumentLists)
        {
            foreach (var group in arguments.GroupBy(a => a.Name.Value, StringComparer.Ordinal))
            {
                if (group.Count() > 1)
                {
                    context.Report($"There can be only one argument named \"{group.Key}\".", [.. group.Select(a => (SyntaxNode)a.Name)]);
                }
            }
        }
    }

    public static void UniqueInputFieldNames(SdlContext context)
    {
        foreach (var obj in context.ObjectValues)
        {
            var seen = new Dictionary<string, NameNode>(StringComparer.Ordinal);
            foreach (var field in obj.Fields)
            {
                if (seen.TryGetValue(field.Name.Value, out var previous))
                {
                    context.Report($"There can be only one input field named \"{field.Name.Value}\".", previous, field.Name);
                }
                else
                {
                    seen[field.Name.Value] = field.Name;
                }
            }
        }
    }

    private static Dictionary<string, List<(string Name, string Type, bool Required)>> DirectiveArguments(SdlContext context)
    {
        var result = new Dictionary<string, List<(string Name, string Type, bool Required)>>(StringComparer.Ordinal);
        foreach (var directive in context.Schema?.Directives ?? BuiltInDirectives.All)
        {
            result[directive.Name] = [.. directive.Arguments.Select(a => (a.Name, a.Type.ToString(), a.IsRequired()))];
        }

        foreach (var definition in context.Document.Definitions.OfType<DirectiveDefinitionNode>())
        {
            result[definition.Name.Value] =
            [
                .. definition.Arguments.Select(a => (a.Name.Value, LiteralPrinter.Print(a.Type), a.Type is NonNullTypeNode && a.DefaultValue is null)),
            ];
        }

        return result;
    }

    private static TypeKind DefinitionKind(TypeDefinitionNode node) => node switch
    {
        ScalarTypeDefinitionNode => TypeKind.Scalar,
        ObjectTypeDefinitionNode => TypeKind.Object,
        InterfaceTypeDefinitionNode => TypeKind.Interface,
        UnionTypeDefinitionNode => TypeKind.Union,
        EnumTypeDefinitionNode => TypeKind.Enum,
        _ => TypeKind.InputObject,
    };

    private static TypeKind ExtensionKind(TypeExtensionNode node) => node switch
    {
        ScalarTypeExtensionNode => TypeKind.Scalar,
        ObjectTypeExtensionNode => TypeKind.Object,
        InterfaceTypeExtensionNode => TypeKind.Interface,
        UnionTypeExtensionNode => TypeKind.Union,
        EnumTypeExtensionNode => TypeKind.Enum,
        _ => TypeKind.InputObject,
    };

    private static string KindName(TypeKind kind) => kind switch
    {
        TypeKind.Scalar => "scalar",
        TypeKind.Object => "object",
        TypeKind.Interface => "interface",
        TypeKind.Union => "union",
        TypeKind.Enum => "enum",
        _ => "input object",
    };
}
