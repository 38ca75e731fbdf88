using RunsGateway.GraphQL.Language;

namespace RunsGateway.GraphQL.Types;

/// <summary>
/// The type-system validation of spec §3 (graphql-js's <c>validateSchema</c>): root types, names, field and argument
/// types, interface implementation (including interfaces implementing interfaces and covariance), unions, enums, input
/// objects (non-null cycles, OneOf rules) and default values. Each message names the offending type or field.
/// </summary>
public static class SchemaValidator
{
    /// <summary>Returns every problem found; empty for a valid schema.</summary>
    public static IReadOnlyList<string> Validate(Schema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var errors = new List<string>();
        if (!schema.HasQueryType)
        {
            errors.Add("Query root type must be provided.");
        }

        foreach (var directive in schema.Directives)
        {
            ValidateName(directive.Name, "@" + directive.Name, errors);
            ValidateArguments("@" + directive.Name, directive.Arguments, errors);
        }

        foreach (var type in schema.Types.Values)
        {
            if (!type.Name.StartsWith("__", StringComparison.Ordinal) || type.AstNode is not null)
            {
                ValidateName(type.Name, type.Name, errors);
            }

            switch (type)
            {
                case ComplexType complex:
                    ValidateFields(complex, errors);
                    ValidateInterfaces(schema, complex, errors);
                    break;
                case UnionType union:
                    ValidateUnion(schema, union, errors);
                    break;
                case EnumType enumType:
                    ValidateEnum(enumType, errors);
                    break;
                case InputObjectType input:
                    ValidateInputObject(input, errors);
                    break;
            }
        }

        ValidateInputCycles(schema, errors);
        return errors;
    }

    private static void ValidateName(string name, string display, List<string> errors)
    {
        if (name.StartsWith("__", StringComparison.Ordinal))
        {
            errors.Add($"Name \"{display}\" must not begin with \"__\", which is reserved by GraphQL introspection.");
        }
    }

    private static void ValidateArguments(string owner, IReadOnlyList<InputValueDefinition> arguments, List<string> errors)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var argument in arguments)
        {
            var display = $"{owner}({argument.Name}:)";
            ValidateName(argument.Name, display, errors);
            if (!seen.Add(argument.Name))
            {
                errors.Add($"Argument {display} can only be defined once.");
            }

            if (!argument.Type.IsInputType())
            {
                errors.Add($"The type of {display} must be Input Type but got: {argument.Type}.");
            }
            else
            {
                ValidateDefault(display, argument, errors);
            }

            if (argument.IsRequired() && argument.IsDeprecated)
            {
                errors.Add($"Required argument {display} cannot be deprecated.");
            }
        }
    }

    private static void ValidateDefault(string display, InputValueDefinition value, List<string> errors)
    {
        if (value.DefaultValueLiteral is null)
        {
            return;
        }

        if (!ValueCoercion.TryValueFromLiteral(value.DefaultValueLiteral, value.Type, null, out _))
        {
            errors.Add($"The default value of {display} is not a valid \"{value.Type}\": {LiteralPrinter.Print(value.DefaultValueLiteral)}.");
        }
    }

    private static void ValidateFields(ComplexType type, List<string> errors)
    {
        if (type.Fields.Count == 0)
        {
            errors.Add($"Type {type.Name} must define one or more fields.");
        }

        foreach (var field in type.Fields.Values)
        {
            var display = $"{type.Name}.{field.Name}";
            ValidateName(field.Name, display, errors);
            if (!field.Type.IsOutputType())
            {
                errors.Add($"The type of {display} must be Output Type but got: {field.Type}.");
            }

            ValidateArguments(display, field.Arguments, errors);
        }
    }

    private static void ValidateInterfaces(Schema schema, ComplexType type, List<string> errors)
    {
        var declared = new HashSet<string>(StringComparer.Ordinal);
        foreach (var node in InterfaceNodes(type))
        {
            var name = node.Name.Value;
            var target = schema.GetType(name);
            if (target is not InterfaceType)
            {
                errors.Add($"Type {type.Name} must only implement Interface types, it cannot implement {name}.");
                continue;
            }

            if (!declared.Add(name))
            {
                errors.Add($"Type {type.Name} can only implement {name} once.");
            }
        }

        foreach (var iface in type.Interfaces)
        {
            if (ReferenceEquals(iface, type))
            {
                errors.Add($"Type {type.Name} cannot implement itself because it would create a circular reference.");
                continue;
            }

            foreach (var transitive in iface.Interfaces)
            {
                if (!type.Implements(transitive))
                {
                    errors.Add(ReferenceEquals(transitive, type)
                        ? $"Type {type.Name} cannot implement {iface.Name} because it would create a circular reference."
                        : $"Type {type.Name} must implement {transitive.Name} because it is implemented by {iface.Name}.");
                }
            }

            ValidateImplementation(schema, type, iface, errors);
        }
    }

    private static IEnumerable<NamedTypeNode> InterfaceNodes(ComplexType type)
    {
        var own = type.AstNode switch
        {
            ObjectTypeDefinitionNode o => o.Interfaces,
            InterfaceTypeDefinitionNode i => i.Interfaces,
            _ => [],
        };
        var extended = type.ExtensionAstNodes.SelectMany(e => e switch
        {
            ObjectTypeExtensionNode o => o.Interfaces,
            InterfaceTypeExtensionNode i => i.Interfaces,
            _ => [],
        });
        return own.Concat(extended);
    }

    private static void ValidateImplementation(Schema schema, ComplexType type, InterfaceType iface, List<string> errors)
    {
        foreach (var ifaceField in iface.Fields.Values)
        {
            var fieldName = ifaceField.Name;
            var typeField = type.GetField(fieldName);
            if (typeField is null)
            {
                errors.Add($"Interface field {iface.Name}.{fieldName} expected but {type.Name} does not provide it.");
                continue;
            }

            if (!TypeComparators.IsTypeSubTypeOf(schema, typeField.Type, ifaceField.Type))
            {
                errors.Add($"Interface field {iface.Name}.{fieldName} expects type {ifaceField.Type} but {type.Name}.{fieldName} is type {typeField.Type}.");
            }

            foreach (var ifaceArg in ifaceField.Arguments)
            {
                var typeArg = typeField.GetArgument(ifaceArg.Name);
                if (typeArg is null)
                {
                    errors.Add($"Interface field argument {iface.Name}.{fieldName}({ifaceArg.Name}:) expected but {type.Name}.{fieldName} does not provide it.");
                    continue;
                }

                if (!TypeComparators.IsEqualType(ifaceArg.Type, typeArg.Type))
                {
                    errors.Add($"Interface field argument {iface.Name}.{fieldName}({ifaceArg.Name}:) expects type {ifaceArg.Type} but {type.Name}.{fieldName}({ifaceArg.Name}:) is type {typeArg.Type}.");
                }
            }

            foreach (var typeArg in typeField.Arguments)
            {
                if (typeArg.IsRequired() && ifaceField.GetArgument(typeArg.Name) is null)
                {
                    errors.Add($"Object field {type.Name}.{fieldName} includes required argument {typeArg.Name} that is missing from the Interface field {iface.Name}.{fieldName}.");
                }
            }
        }
    }

    private static void ValidateUnion(Schema schema, UnionType union, List<string> errors)
    {
        var nodes = (union.AstNode is UnionTypeDefinitionNode def ? def.Types : [])
            .Concat(union.ExtensionAstNodes.OfType<UnionTypeExtensionNode>().SelectMany(e => e.Types))
            .ToList();
        if (union.Types.Count == 0 && nodes.Count == 0)
        {
            errors.Add($"Union type {union.Name} must define one or more member types.");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var node in nodes)
        {
            var name = node.Name.Value;
            if (!seen.Add(name))
            {
                errors.Add($"Union type {union.Name} can only include type {name} once.");
            }
            else if (schema.GetType(name) is not ObjectType)
            {
                errors.Add($"Union type {union.Name} can only include Object types, it cannot include {name}.");
            }
        }
    }

    private static void ValidateEnum(EnumType enumType, List<string> errors)
    {
        if (enumType.Values.Count == 0)
        {
            errors.Add($"Enum type {enumType.Name} must define one or more values.");
        }

        foreach (var value in enumType.Values)
        {
            ValidateName(value.Name, $"{enumType.Name}.{value.Name}", errors);
            if (value.Name is "true" or "false" or "null")
            {
                errors.Add($"Enum type {enumType.Name} cannot include value: {value.Name}.");
            }
        }
    }

    private static void ValidateInputObject(InputObjectType input, List<string> errors)
    {
        if (input.Fields.Count == 0)
        {
            errors.Add($"Input Object type {input.Name} must define one or more fields.");
        }

        foreach (var field in input.Fields.Values)
        {
            var display = $"{input.Name}.{field.Name}";
            ValidateName(field.Name, display, errors);
            if (!field.Type.IsInputType())
            {
                errors.Add($"The type of {display} must be Input Type but got: {field.Type}.");
            }
            else
            {
                ValidateDefault(display, field, errors);
            }

            if (field.IsRequired() && field.IsDeprecated)
            {
                errors.Add($"Required input field {display} cannot be deprecated.");
            }

            if (input.IsOneOf)
            {
                if (field.Type is NonNullType)
                {
                    errors.Add($"OneOf input field {display} must be nullable.");
                }

                if (field.HasDefaultValue)
                {
                    errors.Add($"OneOf input field {display} cannot have a default value.");
                }
            }
        }
    }

    private static void ValidateInputCycles(Schema schema, List<string> errors)
    {
        var visited = new HashSet<InputObjectType>();
        var path = new List<InputValueDefinition>();
        var pathIndex = new Dictionary<InputObjectType, int>();
        foreach (var input in schema.Types.Values.OfType<InputObjectType>())
        {
            Detect(input);
        }

        void Detect(InputObjectType input)
        {
            if (!visited.Add(input))
            {
                return;
            }

            pathIndex[input] = path.Count;
            foreach (var field in input.Fields.Values)
            {
                if (field.Type is not NonNullType { OfType: InputObjectType target })
                {
                    continue;
                }

                path.Add(field);
                if (!pathIndex.TryGetValue(target, out var cycleStart))
                {
                    Detect(target);
                }
                else
                {
                    var cycle = string.Join(".", path.Skip(cycleStart).Select(f => f.Name));
                    errors.Add($"Cannot reference Input Object \"{target.Name}\" within itself through a series of non-null fields: \"{cycle}\".");
                }

                path.RemoveAt(path.Count - 1);
            }

            pathIndex.Remove(input);
        }
    }
}
