using System.Collections;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using RunsGateway.GraphQL.Language;

namespace RunsGateway.GraphQL.Types;

/// <summary>
/// Input coercion (spec §5.6, §6.1.2 CoerceVariableValues, §6.4.1 CoerceArgumentValues) and the value/literal
/// conversions around it. Runtime input values are: objects as <see cref="IReadOnlyDictionary{TKey, TValue}"/> (in
/// field definition order after coercion), lists as <see cref="IReadOnlyList{T}"/>, strings, booleans, null and numbers.
/// </summary>
public static partial class ValueCoercion
{
    /// <summary>The maximum number of variable coercion errors reported for one request (as graphql-js).</summary>
    public const int MaxVariableErrors = 50;

    private static readonly IReadOnlyDictionary<string, object?> Empty = new OrderedDictionary<string, object?>();

    /// <summary>Handles one input coercion error: the path inside the value, the invalid value and the message.</summary>
    public delegate void InputErrorHandler(IReadOnlyList<object> path, object? invalidValue, string message);

    /// <summary>
    /// CoerceVariableValues: coerces the request's variable values for <paramref name="operation"/>. Absent variables
    /// without a default are absent from the result; an explicit null is present.
    /// </summary>
    /// <exception cref="GraphQLException">One or more variables are invalid; each error is located at its variable definition.</exception>
    public static IReadOnlyDictionary<string, object?> CoerceVariableValues(
        Schema schema,
        OperationDefinitionNode operation,
        IReadOnlyDictionary<string, object?>? inputs)
    {
        return TryCoerceVariableValues(schema, operation, inputs, out var values, out var errors)
            ? values
            : throw new GraphQLException(errors);
    }

    /// <summary>CoerceVariableValues without exceptions: false with the errors when any variable is invalid.</summary>
    public static bool TryCoerceVariableValues(
        Schema schema,
        OperationDefinitionNode operation,
        IReadOnlyDictionary<string, object?>? inputs,
        out IReadOnlyDictionary<string, object?> values,
        out IReadOnlyList<GraphQLError> errors)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(operation);
        values = Empty;
        errors = [];
        if (operation.VariableDefinitions.Count == 0)
        {
            return true;
        }

        inputs ??= Empty;
        var coerced = new Dictionary<string, object?>(StringComparer.Ordinal);
        var errorList = new List<GraphQLError>();
        foreach (var definition in operation.VariableDefinitions)
        {
            var name = definition.Variable.Name.Value;
            var location = definition.Location.IsEmpty ? null : new[] { definition.Location.ToSourceLocation() };
            var type = schema.TypeFromAst(definition.Type);
            if (type is null || !type.IsInputType())
            {
                errorList.Add(Error(
                    $"Variable \"${name}\" expected value of type \"{LiteralPrinter.Print(definition.Type)}\" which cannot be used as an input type.",
                    location));
                if (errorList.Count >= MaxVariableErrors)
                {
                    break;
                }

                continue;
            }

            if (!inputs.TryGetValue(name, out var input))
            {
                if (definition.DefaultValue is not null)
                {
                    if (TryValueFromLiteral(definition.DefaultValue, type, null, out var defaultValue))
                    {
                        coerced[name] = defaultValue;
                    }
                    else
                    {
                        errorList.Add(Error($"Variable \"${name}\" has an invalid default value {LiteralPrinter.Print(definition.DefaultValue)}.", location));
                    }
                }
                else if (type is NonNullType)
                {
                    errorList.Add(Error($"Variable \"${name}\" of required type \"{type}\" was not provided.", location));
                }

                if (errorList.Count >= MaxVariableErrors)
                {
                    break;
                }

                continue;
            }

            input = Scalars.Unwrap(input);
            if (input is null && type is NonNullType)
            {
                errorList.Add(Error($"Variable \"${name}\" of non-null type \"{type}\" must not be null.", location));
                if (errorList.Count >= MaxVariableErrors)
                {
                    break;
                }

                continue;
            }

            var before = errorList.Count;
            var value = CoerceInputValue(input, type, (path, invalid, message) =>
            {
                var prefix = $"Variable \"${name}\" got invalid value {ValueText.Inspect(invalid)}";
                if (path.Count > 0)
                {
                    prefix += $" at \"{name}{PrintPath(path)}\"";
                }

                errorList.Add(Error(prefix + "; " + message, location));
            });
            if (errorList.Count == before)
            {
                coerced[name] = value;
            }

            if (errorList.Count >= MaxVariableErrors)
            {
                break;
            }
        }

        if (errorList.Count >= MaxVariableErrors)
        {
            errorList = [.. errorList.Take(MaxVariableErrors)];
            errorList.Add(new GraphQLError("Too many errors processing variables, error limit reached. Execution aborted."));
        }

        if (errorList.Count > 0)
        {
            errors = errorList;
            return false;
        }

        values = coerced;
        return true;
    }

    /// <summary>
    /// CoerceArgumentValues: coerces the arguments given on a field or directive node. Absent arguments without a
    /// default are absent from the result; an explicit null is present.
    /// </summary>
    /// <param name="definitions">The argument definitions.</param>
    /// <param name="arguments">The argument nodes of the field or directive.</param>
    /// <param name="variables">The coerced variable values.</param>
    /// <param name="node">The field or directive node (the location of "not provided" errors).</param>
    /// <exception cref="GraphQLException">An argument is invalid; the error is located at the argument value or <paramref name="node"/>.</exception>
    public static IReadOnlyDictionary<string, object?> CoerceArgumentValues(
        IReadOnlyList<InputValueDefinition> definitions,
        IReadOnlyList<ArgumentNode> arguments,
        IReadOnlyDictionary<string, object?>? variables,
        SyntaxNode node)
    {
        ArgumentNullException.ThrowIfNull(definitions);
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(node);
        if (definitions.Count == 0)
        {
            return Empty;
        }

        var coerced = new OrderedDictionary<string, object?>(definitions.Count, StringComparer.Ordinal);
        foreach (var definition in definitions)
        {
            var name = definition.Name;
            var type = definition.Type;
            ArgumentNode? argument = null;
            for (var i = 0; i < arguments.Count; i++)
            {
                if (string.Equals(arguments[i].Name.Value, name, StringComparison.Ordinal))
                {
                    argument = arguments[i];
                    break;
                }
            }

            if (argument is null)
            {
                if (definition.HasDefaultValue)
                {
                    coerced[name] = definition.DefaultValue;
                }
                else if (type is NonNullType)
                {
                    throw Exception($"Argument \"{name}\" of required type \"{type}\" was not provided.", node);
                }

                continue;
            }

            var valueNode = argument.Value;
            var isNull = valueNode is NullValueNode;
            if (valueNode is VariableNode variable)
            {
                var variableName = variable.Name.Value;
                if (variables is null || !variables.TryGetValue(variableName, out var variableValue))
                {
                    if (definition.HasDefaultValue)
                    {
                        coerced[name] = definition.DefaultValue;
                    }
                    else if (type is NonNullType)
                    {
                        throw Exception(
                            $"Argument \"{name}\" of required type \"{type}\" was provided the variable \"${variableName}\" which was not provided a runtime value.",
                            valueNode);
                    }

                    continue;
                }

                isNull = variableValue is null;
            }

            if (isNull && type is NonNullType)
            {
                throw Exception($"Argument \"{name}\" of non-null type \"{type}\" must not be null.", valueNode);
            }

            if (!TryValueFromLiteral(valueNode, type, variables, out var value))
            {
                throw Exception($"Argument \"{name}\" has invalid value {LiteralPrinter.Print(valueNode)}.", valueNode);
            }

            coerced[name] = value;
        }

        return coerced;
    }

    /// <summary>CoerceInputValue for a runtime value (e.g. from JSON variables).</summary>
    /// <exception cref="GraphQLException">The value is invalid; one error per problem, messages name the path.</exception>
    public static object? CoerceInputValue(object? input, GraphQLType type)
    {
        List<GraphQLError>? errors = null;
        var result = CoerceInputValue(input, type, (path, invalid, message) =>
        {
            var text = path.Count > 0 ? $"Invalid value {ValueText.Inspect(invalid)} at \"value{PrintPath(path)}\": {message}" : message;
            (errors ??= []).Add(Error(text, null));
        });
        return errors is null ? result : throw new GraphQLException(errors);
    }

    /// <summary>
    /// CoerceInputValue reporting every problem to <paramref name="onError"/>: single values are wrapped into lists,
    /// input-object defaults are applied, explicit null is kept apart from absent fields, and OneOf objects must have
    /// exactly one non-null field.
    /// </summary>
    public static object? CoerceInputValue(object? input, GraphQLType type, InputErrorHandler onError)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(onError);
        return CoerceInputValueCore(Scalars.Unwrap(input), type, onError, []);
    }

    private static object? CoerceInputValueCore(object? input, GraphQLType type, InputErrorHandler onError, List<object> path)
    {
        if (type is NonNullType nonNull)
        {
            if (input is not null)
            {
                return CoerceInputValueCore(input, nonNull.OfType, onError, path);
            }

            onError([.. path], input, $"Expected non-nullable type \"{type}\" not to be null.");
            return null;
        }

        if (input is null)
        {
            return null;
        }

        switch (type)
        {
            case ListType list:
                if (AsList(input) is { } items)
                {
                    var result = new List<object?>(items.Count);
                    for (var i = 0; i < items.Count; i++)
                    {
                        path.Add(i);
                        result.Add(CoerceInputValueCore(Scalars.Unwrap(items[i]), list.OfType, onError, path));
                        path.RemoveAt(path.Count - 1);
                    }

                    return result;
                }

                return new List<object?>(1) { CoerceInputValueCore(input, list.OfType, onError, path) };

            case InputObjectType inputObject:
                return CoerceInputObject(input, inputObject, onError, path);

            case ScalarType scalar:
                try
                {
                    return scalar.ParseValue(input);
                }
                catch (ScalarCoercionException ex)
                {
                    onError([.. path], input, ex.Message);
                    return null;
                }

            case EnumType enumType:
                try
                {
                    return enumType.ParseValue(input);
                }
                catch (ScalarCoercionException ex)
                {
                    onError([.. path], input, ex.Message);
                    return null;
                }

            default:
                onError([.. path], input, $"Type \"{type}\" is not an input type.");
                return null;
        }
    }

    private static IReadOnlyDictionary<string, object?>? CoerceInputObject(object input, InputObjectType type, InputErrorHandler onError, List<object> path)
    {
        if (AsObject(input) is not { } fields)
        {
            onError([.. path], input, $"Expected type \"{type.Name}\" to be an object.");
            return null;
        }

        return type.IsOneOf ? CoerceOneOf(input, fields, type, onError, path) : CoerceFields(input, fields, type, onError, path);
    }

    private static IReadOnlyDictionary<string, object?> CoerceOneOf(object input, IReadOnlyDictionary<string, object?> fields, InputObjectType type, InputErrorHandler onError, List<object> path)
    {
        // A field whose value failed coercion has had its error; like graphql-js (whose failed field is undefined, not null),
        // the OneOf check below must not add a second "must be non-null" error for it.
        var fieldFailed = false;
        var coerced = CoerceFields(input, fields, type, (fieldPath, invalid, message) =>
        {
            fieldFailed = true;
            onError(fieldPath, invalid, message);
        }, path, onError);
        if (coerced.Count != 1)
        {
            onError([.. path], input, $"Exactly one key must be specified for OneOf type \"{type.Name}\".");
        }
        else
        {
            var (key, value) = coerced.First();
            if (value is null && !fieldFailed)
            {
                path.Add(key);
                onError([.. path], null, $"Field \"{key}\" must be non-null.");
                path.RemoveAt(path.Count - 1);
            }
        }

        return coerced;
    }

    /// <summary>Coerces each field of <paramref name="type"/>; <paramref name="fieldErrors"/> gets the errors of field values, <paramref name="onError"/> the object's own.</summary>
    private static IReadOnlyDictionary<string, object?> CoerceFields(object input, IReadOnlyDictionary<string, object?> fields, InputObjectType type, InputErrorHandler fieldErrors, List<object> path, InputErrorHandler? onError = null)
    {
        onError ??= fieldErrors;
        var coerced = new Execution.InputMap.Builder();
        var given = 0;
        foreach (var field in type.FieldList)
        {
            if (!fields.TryGetValue(field.Name, out var fieldValue))
            {
                if (field.HasDefaultValue)
                {
                    coerced.Set(field.Name, field.DefaultValue);
                }
                else if (field.Type is NonNullType)
                {
                    onError([.. path], input, $"Field \"{field.Name}\" of required type \"{field.Type}\" was not provided.");
                }

                continue;
            }

            given++;
            path.Add(field.Name);
            coerced.Set(field.Name, CoerceInputValueCore(Scalars.Unwrap(fieldValue), field.Type, fieldErrors, path));
            path.RemoveAt(path.Count - 1);
        }

        if (given != fields.Count)
        {
            // Only when some given key is not a field: the lookups above matched fewer keys than were given.
            foreach (var key in fields.Keys)
            {
                if (!type.Fields.ContainsKey(key))
                {
                    onError([.. path], input, $"Field \"{key}\" is not defined by type \"{type.Name}\"." + DidYouMean(key, type.Fields.Keys));
                }
            }
        }

        return coerced.Build();
    }

    /// <summary>
    /// ValueFromLiteral (graphql-js's <c>valueFromAST</c>): the coerced runtime value of a literal, reading variables
    /// from <paramref name="variables"/> (already coerced).
    /// </summary>
    /// <exception cref="GraphQLException">The literal is not valid for <paramref name="type"/>.</exception>
    public static object? ValueFromLiteral(ValueNode literal, GraphQLType type, IReadOnlyDictionary<string, object?>? variables = null)
    {
        return TryValueFromLiteral(literal, type, variables, out var value)
            ? value
            : throw new GraphQLException(Error(
                $"Expected value of type \"{type}\", found {LiteralPrinter.Print(literal)}.",
                literal.Location.IsEmpty ? null : [literal.Location.ToSourceLocation()]));
    }

    /// <summary>ValueFromLiteral without exceptions: false when the literal is invalid (graphql-js's <c>undefined</c>).</summary>
    public static bool TryValueFromLiteral(ValueNode literal, GraphQLType type, IReadOnlyDictionary<string, object?>? variables, out object? value)
    {
        ArgumentNullException.ThrowIfNull(literal);
        ArgumentNullException.ThrowIfNull(type);
        value = null;
        if (literal is VariableNode variable)
        {
            if (variables is null || !variables.TryGetValue(variable.Name.Value, out var variableValue))
            {
                return false;
            }

            if (variableValue is null && type is NonNullType)
            {
                return false;
            }

            value = variableValue;
            return true;
        }

        if (type is NonNullType nonNull)
        {
            return literal is not NullValueNode && TryValueFromLiteral(literal, nonNull.OfType, variables, out value);
        }

        if (literal is NullValueNode)
        {
            return true;
        }

        switch (type)
        {
            case ListType list:
                if (literal is ListValueNode listNode)
                {
                    var items = new List<object?>(listNode.Values.Count);
                    foreach (var itemNode in listNode.Values)
                    {
                        if (IsMissingVariable(itemNode, variables))
                        {
                            if (list.OfType is NonNullType)
                            {
                                return false;
                            }

                            items.Add(null);
                            continue;
                        }

                        if (!TryValueFromLiteral(itemNode, list.OfType, variables, out var item))
                        {
                            return false;
                        }

                        items.Add(item);
                    }

                    value = items;
                    return true;
                }

                if (!TryValueFromLiteral(literal, list.OfType, variables, out var single))
                {
                    return false;
                }

                value = new List<object?>(1) { single };
                return true;

            case InputObjectType inputObject:
                return TryInputObjectFromLiteral(literal, inputObject, variables, out value);

            case ScalarType scalar:
                try
                {
                    value = scalar.ParseLiteral(literal, variables);
                    return true;
                }
                catch (ScalarCoercionException)
                {
                    return false;
                }

            case EnumType enumType:
                try
                {
                    value = enumType.ParseLiteral(literal);
                    return true;
                }
                catch (ScalarCoercionException)
                {
                    return false;
                }

            default:
                return false;
        }
    }

    private static bool TryInputObjectFromLiteral(ValueNode literal, InputObjectType type, IReadOnlyDictionary<string, object?>? variables, out object? value)
    {
        value = null;
        if (literal is not ObjectValueNode objectNode)
        {
            return false;
        }

        var coerced = new OrderedDictionary<string, object?>(type.Fields.Count, StringComparer.Ordinal);
        foreach (var field in type.Fields.Values)
        {
            ObjectFieldNode? fieldNode = null;
            foreach (var candidate in objectNode.Fields)
            {
                if (string.Equals(candidate.Name.Value, field.Name, StringComparison.Ordinal))
                {
                    fieldNode = candidate;
                    break;
                }
            }

            if (fieldNode is null || IsMissingVariable(fieldNode.Value, variables))
            {
                if (field.HasDefaultValue)
                {
                    coerced[field.Name] = field.DefaultValue;
                }
                else if (field.Type is NonNullType)
                {
                    return false;
                }

                continue;
            }

            if (!TryValueFromLiteral(fieldNode.Value, field.Type, variables, out var fieldValue))
            {
                return false;
            }

            coerced[field.Name] = fieldValue;
        }

        if (type.IsOneOf && (coerced.Count != 1 || coerced.GetAt(0).Value is null))
        {
            return false;
        }

        value = coerced;
        return true;
    }

    /// <summary>
    /// The plain runtime value of a literal with no type (graphql-js's <c>valueFromASTUntyped</c>): enum values become
    /// strings, lists arrays and objects dictionaries; variables are read from <paramref name="variables"/>.
    /// </summary>
    public static object? LiteralToPlainValue(ValueNode literal, IReadOnlyDictionary<string, object?>? variables = null)
    {
        ArgumentNullException.ThrowIfNull(literal);
        switch (literal)
        {
            case NullValueNode: return null;
            case IntValueNode i:
                // Cast each branch: a plain conditional would promote the long to double.
                return long.TryParse(i.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l)
                    ? (object)l
                    : double.Parse(i.Value, NumberStyles.Float, CultureInfo.InvariantCulture);
            case FloatValueNode f: return double.Parse(f.Value, NumberStyles.Float, CultureInfo.InvariantCulture);
            case StringValueNode s: return s.Value;
            case BooleanValueNode b: return b.Value;
            case EnumValueNode e: return e.Value;
            case ListValueNode list:
                var items = new List<object?>(list.Values.Count);
                foreach (var item in list.Values)
                {
                    items.Add(LiteralToPlainValue(item, variables));
                }

                return items;
            case ObjectValueNode obj:
                var fields = new OrderedDictionary<string, object?>(obj.Fields.Count, StringComparer.Ordinal);
                foreach (var field in obj.Fields)
                {
                    fields[field.Name.Value] = LiteralToPlainValue(field.Value, variables);
                }

                return fields;
            case VariableNode v:
                return variables is not null && variables.TryGetValue(v.Name.Value, out var value) ? value : null;
            default:
                return null;
        }
    }

    /// <summary>
    /// True when <paramref name="literal"/> is a valid value of <paramref name="type"/>; variables are accepted anywhere
    /// (their positions are checked by VariablesInAllowedPositionRule).
    /// </summary>
    public static bool IsValidLiteral(ValueNode literal, GraphQLType type)
    {
        ArgumentNullException.ThrowIfNull(literal);
        ArgumentNullException.ThrowIfNull(type);
        if (literal is VariableNode)
        {
            return true;
        }

        if (type is NonNullType nonNull)
        {
            return literal is not NullValueNode && IsValidLiteral(literal, nonNull.OfType);
        }

        if (literal is NullValueNode)
        {
            return true;
        }

        switch (type)
        {
            case ListType list:
                return literal is ListValueNode items
                    ? items.Values.All(item => IsValidLiteral(item, list.OfType))
                    : IsValidLiteral(literal, list.OfType);
            case InputObjectType inputObject:
                if (literal is not ObjectValueNode obj)
                {
                    return false;
                }

                var seen = new HashSet<string>(StringComparer.Ordinal);
                foreach (var field in obj.Fields)
                {
                    if (!inputObject.Fields.TryGetValue(field.Name.Value, out var definition) || !seen.Add(field.Name.Value)
                        || !IsValidLiteral(field.Value, definition.Type))
                    {
                        return false;
                    }
                }

                foreach (var definition in inputObject.Fields.Values)
                {
                    if (definition.IsRequired() && !seen.Contains(definition.Name))
                    {
                        return false;
                    }
                }

                return !inputObject.IsOneOf || (obj.Fields.Count == 1 && obj.Fields[0].Value is not NullValueNode);
            case ScalarType or EnumType:
                return TryParseLeafLiteral(literal, (NamedType)type, out _);
            default:
                return false;
        }
    }

    /// <summary>
    /// Parses a literal of a scalar or enum without variables; false with the coercion message when it is invalid
    /// (for ValuesOfCorrectTypeRule's "Expected value of type …; message" errors).
    /// </summary>
    public static bool TryParseLeafLiteral(ValueNode literal, NamedType leafType, out string? errorMessage)
    {
        ArgumentNullException.ThrowIfNull(literal);
        errorMessage = null;
        try
        {
            switch (leafType)
            {
                case ScalarType scalar:
                    scalar.ParseLiteral(literal, null);
                    return true;
                case EnumType enumType:
                    enumType.ParseLiteral(literal);
                    return true;
                default:
                    errorMessage = $"\"{leafType}\" is not a leaf type.";
                    return false;
            }
        }
        catch (ScalarCoercionException ex)
        {
            errorMessage = ex.Message;
            return false;
        }
    }

    /// <summary>
    /// AstFromValue: a literal for a runtime input value of <paramref name="type"/> (used for introspection's
    /// <c>defaultValue</c>). Returns null when the value cannot be represented (e.g. null for a non-null type).
    /// </summary>
    public static ValueNode? AstFromValue(object? value, GraphQLType type)
    {
        ArgumentNullException.ThrowIfNull(type);
        value = Scalars.Unwrap(value);
        if (type is NonNullType nonNull)
        {
            var inner = AstFromValue(value, nonNull.OfType);
            return inner is NullValueNode ? null : inner;
        }

        if (value is null)
        {
            return new NullValueNode();
        }

        switch (type)
        {
            case ListType list:
                if (AsList(value) is { } items)
                {
                    var nodes = new List<ValueNode>(items.Count);
                    foreach (var item in items)
                    {
                        if (AstFromValue(item, list.OfType) is { } node)
                        {
                            nodes.Add(node);
                        }
                    }

                    return new ListValueNode { Values = nodes };
                }

                return AstFromValue(value, list.OfType);

            case InputObjectType inputObject:
                if (AsObject(value) is not { } fields)
                {
                    return null;
                }

                var fieldNodes = new List<ObjectFieldNode>();
                foreach (var field in inputObject.Fields.Values)
                {
                    if (fields.TryGetValue(field.Name, out var fieldValue) && AstFromValue(fieldValue, field.Type) is { } node)
                    {
                        fieldNodes.Add(new ObjectFieldNode { Name = new NameNode { Value = field.Name }, Value = node });
                    }
                }

                return new ObjectValueNode { Fields = fieldNodes };

            case EnumType enumType:
                var definition = enumType.GetValueByRuntimeValue(value);
                return definition is null ? null : new EnumValueNode { Value = definition.Name };

            case ScalarType scalar:
                object? serialized;
                try
                {
                    serialized = scalar.Serialize(value);
                }
                catch (ScalarCoercionException)
                {
                    return null;
                }

                return PlainToAst(serialized, ReferenceEquals(scalar, Scalars.ID) || scalar.Name == "ID");

            default:
                return null;
        }
    }

    /// <summary>The printed default value of an argument or input field (introspection's <c>defaultValue</c>), or null.</summary>
    public static string? PrintDefaultValue(InputValueDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        if (!definition.HasDefaultValue)
        {
            return null;
        }

        var node = AstFromValue(definition.DefaultValue, definition.Type);
        if (node is null && definition.DefaultValueLiteral is not null)
        {
            node = definition.DefaultValueLiteral;
        }

        return node is null ? null : LiteralPrinter.Print(node);
    }

    private static ValueNode? PlainToAst(object? serialized, bool isId)
    {
        serialized = Scalars.Unwrap(serialized);
        switch (serialized)
        {
            case null: return new NullValueNode();
            case bool b: return new BooleanValueNode { Value = b };
            case string s:
                return isId && IntegerText().IsMatch(s) ? new IntValueNode { Value = s } : new StringValueNode { Value = s };
            case DateTimeOffset or DateTime or Guid:
                return new StringValueNode { Value = Convert.ToString(serialized, CultureInfo.InvariantCulture) ?? string.Empty };
        }

        if (Scalars.TryGetNumber(serialized, out var number, out var integral, out var isIntegral))
        {
            if (!double.IsFinite(number))
            {
                return null;
            }

            var text = isIntegral && serialized is not double and not float and not decimal
                ? integral.ToString(CultureInfo.InvariantCulture)
                : JsNumber.Format(number);
            return IntegerText().IsMatch(text) ? new IntValueNode { Value = text } : new FloatValueNode { Value = text };
        }

        if (AsObject(serialized) is { } fields)
        {
            var nodes = new List<ObjectFieldNode>(fields.Count);
            foreach (var (key, fieldValue) in fields)
            {
                if (PlainToAst(fieldValue, false) is { } node)
                {
                    nodes.Add(new ObjectFieldNode { Name = new NameNode { Value = key }, Value = node });
                }
            }

            return new ObjectValueNode { Fields = nodes };
        }

        if (AsList(serialized) is { } items)
        {
            var nodes = new List<ValueNode>(items.Count);
            foreach (var item in items)
            {
                if (PlainToAst(item, false) is { } node)
                {
                    nodes.Add(node);
                }
            }

            return new ListValueNode { Values = nodes };
        }

        return new StringValueNode { Value = Convert.ToString(serialized, CultureInfo.InvariantCulture) ?? string.Empty };
    }

    private static bool IsMissingVariable(ValueNode node, IReadOnlyDictionary<string, object?>? variables)
        => node is VariableNode v && (variables is null || !variables.ContainsKey(v.Name.Value));

    /// <summary>Reads a runtime value as an input object (dictionary), or null.</summary>
    internal static IReadOnlyDictionary<string, object?>? AsObject(object? value) => value switch
    {
        IReadOnlyDictionary<string, object?> dict => dict,
        IDictionary<string, object?> dict => dict.AsReadOnly(),
        JsonElement { ValueKind: JsonValueKind.Object } element => (IReadOnlyDictionary<string, object?>?)JsonValues.ToRuntime(element),
        _ => null,
    };

    /// <summary>Reads a runtime value as a list (any non-string, non-dictionary enumerable), or null.</summary>
    internal static IReadOnlyList<object?>? AsList(object? value) => value switch
    {
        null or string => null,
        IReadOnlyList<object?> list => list,
        JsonElement { ValueKind: JsonValueKind.Array } element => (IReadOnlyList<object?>?)JsonValues.ToRuntime(element),
        IReadOnlyDictionary<string, object?> or IDictionary<string, object?> or IDictionary => null,
        IEnumerable enumerable => enumerable.Cast<object?>().ToList(),
        _ => null,
    };

    internal static string PrintPath(IReadOnlyList<object> path)
    {
        var sb = new System.Text.StringBuilder();
        foreach (var segment in path)
        {
            if (segment is int index)
            {
                sb.Append('[').Append(index.ToString(CultureInfo.InvariantCulture)).Append(']');
            }
            else
            {
                sb.Append('.').Append(segment);
            }
        }

        return sb.ToString();
    }

    internal static string DidYouMean(string input, IEnumerable<string> options)
    {
        var suggestions = Suggestions.List(input, options);
        if (suggestions.Count == 0)
        {
            return string.Empty;
        }

        var quoted = suggestions.Take(5).Select(s => "\"" + s + "\"").ToList();
        var text = quoted.Count switch
        {
            1 => quoted[0],
            2 => quoted[0] + " or " + quoted[1],
            _ => string.Join(", ", quoted.Take(quoted.Count - 1)) + ", or " + quoted[^1],
        };
        return " Did you mean " + text + "?";
    }

    private static GraphQLError Error(string message, IReadOnlyList<SourceLocation>? locations)
        => new(message, locations, extensions: new Dictionary<string, object?> { ["code"] = ErrorCodes.BadUserInput });

    private static GraphQLException Exception(string message, SyntaxNode node)
        => new(Error(message, node.Location.IsEmpty ? null : [node.Location.ToSourceLocation()]));

    [GeneratedRegex("^-?(?:0|[1-9][0-9]*)$", RegexOptions.CultureInvariant)]
    private static partial Regex IntegerText();
}

/// <summary>"Did you mean" suggestions by lexical distance (graphql-js's <c>suggestionList</c>).</summary>
internal static class Suggestions
{
    public static IReadOnlyList<string> List(string input, IEnumerable<string> options)
    {
        var distances = new List<(string Option, int Distance)>();
        var threshold = (int)Math.Floor(input.Length * 0.4) + 1;
        var inputLower = input.ToLowerInvariant();
        foreach (var option in options)
        {
            var distance = string.Equals(inputLower, option.ToLowerInvariant(), StringComparison.Ordinal)
                ? 1
                : Levenshtein(inputLower, option.ToLowerInvariant());
            if (distance <= threshold)
            {
                distances.Add((option, distance));
            }
        }

        return [.. distances.OrderBy(d => d.Distance).ThenBy(d => d.Option, StringComparer.Ordinal).Select(d => d.Option)];
    }

    private static int Levenshtein(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
