using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using RunsGateway.GraphQL.Introspection;
using RunsGateway.GraphQL.Language;
using RunsGateway.GraphQL.Types;

namespace RunsGateway.GraphQL.Validation;

/// <summary>A variable usage with the type information of the position it appears in.</summary>
/// <param name="Node">The variable node.</param>
/// <param name="Type">The expected input type at the usage, if known.</param>
/// <param name="HasLocationDefault">True when the argument or input field the variable is passed to has a default value.</param>
/// <param name="ParentInputType">The input type of the enclosing list or object value (or argument), if known.</param>
/// <param name="InObjectField">True when the variable is directly the value of an input object field.</param>
internal readonly record struct VariableUsage(
    VariableNode Node,
    GraphQLType? Type,
    bool HasLocationDefault,
    GraphQLType? ParentInputType,
    bool InObjectField);

/// <summary>Thrown to stop validation once the error limit is reached.</summary>
internal sealed class ValidationAbortedException : Exception
{
    public ValidationAbortedException()
    {
    }

    public ValidationAbortedException(string message)
        : base(message)
    {
    }

    public ValidationAbortedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>
/// The state of one validation: schema, document, collected errors, cached document facts, and the type information of
/// the walker's current position (the equivalent of graphql-js's TypeInfo).
/// </summary>
internal sealed class ValidationContext
{
    private static readonly ConditionalWeakTable<Schema, HashSet<string>> ReferencedTypeNamesCache = [];

    private readonly List<GraphQLError> _errors = [];
    private readonly int _maxErrors;
    private readonly Dictionary<string, FragmentDefinitionNode> _fragments = new(StringComparer.Ordinal);
    private readonly Dictionary<SelectionSetNode, List<FragmentSpreadNode>> _spreadsCache = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<OperationDefinitionNode, List<FragmentDefinitionNode>> _referencedFragmentsCache = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<ExecutableDefinitionNode, List<VariableUsage>> _variableUsages = new(ReferenceEqualityComparer.Instance);

    // Type information of the current position, maintained by the walker.
    private readonly List<GraphQLType?> _typeStack = [];
    private readonly List<NamedType?> _parentTypeStack = [];
    private readonly List<GraphQLType?> _inputTypeStack = [];
    private readonly List<FieldDefinition?> _fieldDefStack = [];
    private readonly List<InputValueDefinition?> _defaultValueStack = [];
    private readonly List<bool> _objectFieldStack = [];

    public ValidationContext(Schema schema, DocumentNode document, int maxErrors)
    {
        Schema = schema;
        Document = document;
        _maxErrors = maxErrors;
        foreach (var definition in document.Definitions)
        {
            if (definition is FragmentDefinitionNode fragment)
            {
                // Like graphql-js, a later fragment of the same name wins; UniqueFragmentNamesRule reports the duplicate.
                _fragments[fragment.Name.Value] = fragment;
            }
        }
    }

    public Schema Schema { get; }

    public DocumentNode Document { get; }

    public IReadOnlyList<GraphQLError> Errors => _errors;

    /// <summary>The number of errors after which validation stops.</summary>
    public int MaxErrors => _maxErrors;

    /// <summary>The field comparisons the field-merge rule may make before it aborts validation (bounds its quadratic work).</summary>
    public long ComparisonBudget { get; init; } = DocumentValidator.DefaultComparisonBudget;

    /// <summary>The composite type whose selection set is being visited.</summary>
    public NamedType? ParentType => _parentTypeStack.Count > 0 ? _parentTypeStack[^1] : null;

    /// <summary>The output type of the current field, operation root or fragment.</summary>
    public GraphQLType? Type => _typeStack.Count > 0 ? _typeStack[^1] : null;

    /// <summary>The definition of the current field.</summary>
    public FieldDefinition? FieldDefinition => _fieldDefStack.Count > 0 ? _fieldDefStack[^1] : null;

    /// <summary>The expected input type of the current argument, list item, object field or variable default.</summary>
    public GraphQLType? InputType => _inputTypeStack.Count > 0 ? _inputTypeStack[^1] : null;

    /// <summary>The input type of the value enclosing the current one.</summary>
    public GraphQLType? ParentInputType => _inputTypeStack.Count > 1 ? _inputTypeStack[^2] : null;

    /// <summary>The argument or input field definition whose value is being visited (for its default value).</summary>
    public InputValueDefinition? DefaultValueOwner => _defaultValueStack.Count > 0 ? _defaultValueStack[^1] : null;

    /// <summary>The directive being visited.</summary>
    public DirectiveDefinition? Directive { get; private set; }

    /// <summary>The directive location of the directive being visited.</summary>
    public DirectiveLocation DirectiveLocation { get; private set; }

    /// <summary>The definition of the argument being visited.</summary>
    public InputValueDefinition? Argument { get; private set; }

    /// <summary>The field or directive whose arguments are being visited.</summary>
    public SyntaxNode? ArgumentOwner { get; private set; }

    /// <summary>The enum value definition of the enum literal being visited.</summary>
    public EnumValueDefinition? EnumValue { get; private set; }

    /// <summary>The operation or fragment being visited.</summary>
    public ExecutableDefinitionNode? CurrentDefinition { get; private set; }

    public void ReportError(string message, params ReadOnlySpan<SyntaxNode> nodes)
    {
        var locations = new List<SourceLocation>(nodes.Length);
        foreach (var node in nodes)
        {
            if (!node.Location.IsEmpty)
            {
                locations.Add(node.Location.ToSourceLocation());
            }
        }

        ReportError(message, locations);
    }

    /// <summary>Reports <paramref name="message"/> and stops validation (a document too costly to validate).</summary>
    [DoesNotReturn]
    public void Abort(string message)
    {
        _errors.Add(GraphQLError.WithCode(message, ErrorCodes.ValidationFailed));
        throw new ValidationAbortedException();
    }

    public void ReportError(string message, IReadOnlyList<SourceLocation> locations)
    {
        if (_errors.Count >= _maxErrors)
        {
            _errors.Add(GraphQLError.WithCode("Too many validation errors, error limit reached. Validation aborted.", ErrorCodes.ValidationFailed));
            throw new ValidationAbortedException();
        }

        _errors.Add(GraphQLError.WithCode(message, ErrorCodes.ValidationFailed, locations));
    }

    public FragmentDefinitionNode? GetFragment(string name) => _fragments.GetValueOrDefault(name);

    /// <summary>The fragment spreads of a selection set, including those in nested fields and inline fragments (not inside other fragments).</summary>
    public IReadOnlyList<FragmentSpreadNode> GetFragmentSpreads(SelectionSetNode selectionSet)
    {
        if (_spreadsCache.TryGetValue(selectionSet, out var cached))
        {
            return cached;
        }

        var spreads = new List<FragmentSpreadNode>();
        var pending = new Stack<SelectionSetNode>();
        pending.Push(selectionSet);
        while (pending.Count > 0)
        {
            var set = pending.Pop();
            foreach (var selection in set.Selections)
            {
                switch (selection)
                {
                    case FragmentSpreadNode spread:
                        spreads.Add(spread);
                        break;
                    case FieldNode { SelectionSet: { } fieldSet }:
                        pending.Push(fieldSet);
                        break;
                    case InlineFragmentNode inline:
                        pending.Push(inline.SelectionSet);
                        break;
                }
            }
        }

        _spreadsCache[selectionSet] = spreads;
        return spreads;
    }

    /// <summary>Every fragment an operation uses directly or transitively, each once.</summary>
    public IReadOnlyList<FragmentDefinitionNode> GetRecursivelyReferencedFragments(OperationDefinitionNode operation)
    {
        if (_referencedFragmentsCache.TryGetValue(operation, out var cached))
        {
            return cached;
        }

        var fragments = new List<FragmentDefinitionNode>();
        var collected = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<SelectionSetNode>();
        pending.Push(operation.SelectionSet);
        while (pending.Count > 0)
        {
            var set = pending.Pop();
            foreach (var spread in GetFragmentSpreads(set))
            {
                var name = spread.Name.Value;
                if (collected.Add(name) && GetFragment(name) is { } fragment)
                {
                    fragments.Add(fragment);
                    pending.Push(fragment.SelectionSet);
                }
            }
        }

        _referencedFragmentsCache[operation] = fragments;
        return fragments;
    }

    /// <summary>The variable usages inside one operation or fragment (complete only once the document has been walked).</summary>
    public IReadOnlyList<VariableUsage> GetVariableUsages(ExecutableDefinitionNode definition)
        => _variableUsages.TryGetValue(definition, out var usages) ? usages : [];

    /// <summary>The variable usages of an operation including those of every fragment it uses (complete only in LeaveDocument).</summary>
    public IReadOnlyList<VariableUsage> GetRecursiveVariableUsages(OperationDefinitionNode operation)
    {
        var usages = new List<VariableUsage>(GetVariableUsages(operation));
        foreach (var fragment in GetRecursivelyReferencedFragments(operation))
        {
            usages.AddRange(GetVariableUsages(fragment));
        }

        return usages;
    }

    /// <summary>
    /// True when a type of this name belongs to the schema. Built-in scalars count only when the schema references them,
    /// as in graphql-js, whose schemas hold only the scalars they use.
    /// </summary>
    public bool IsKnownTypeName(string name)
    {
        var type = Schema.GetType(name);
        if (type is null)
        {
            return false;
        }

        if (type is not ScalarType || !Scalars.IsSpecifiedScalarName(name))
        {
            return true;
        }

        var referenced = ReferencedTypeNamesCache.GetValue(Schema, CollectReferencedTypeNames);
        return referenced.Contains(name);
    }

    private static HashSet<string> CollectReferencedTypeNames(Schema schema)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        void AddInputs(IEnumerable<InputValueDefinition> inputs)
        {
            foreach (var input in inputs)
            {
                names.Add(TypeUtilities.GetNamedType(input.Type).Name);
            }
        }

        foreach (var type in schema.Types.Values)
        {
            switch (type)
            {
                case ComplexType complex:
                    foreach (var field in complex.Fields.Values)
                    {
                        names.Add(TypeUtilities.GetNamedType(field.Type).Name);
                        AddInputs(field.Arguments);
                    }

                    break;
                case InputObjectType input:
                    AddInputs(input.Fields.Values);
                    break;
                case ScalarType when type.AstNode is not null:
                    // A built-in scalar that the SDL declares explicitly is part of the schema.
                    names.Add(type.Name);
                    break;
            }
        }

        foreach (var directive in schema.Directives)
        {
            AddInputs(directive.Arguments);
        }

        return names;
    }

    // ---- Walker ----------------------------------------------------------------------------------------------------

    /// <summary>Walks the document once, calling every visitor at every node while maintaining the type information.</summary>
    public void Walk(ValidationVisitor[] visitors)
    {
        var document = Document;
        foreach (var v in visitors)
        {
            v.EnterDocument(document);
        }

        foreach (var definition in document.Definitions)
        {
            switch (definition)
            {
                case OperationDefinitionNode operation:
                    WalkOperation(visitors, operation);
                    break;
                case FragmentDefinitionNode fragment:
                    WalkFragmentDefinition(visitors, fragment);
                    break;
                default:
                    foreach (var v in visitors)
                    {
                        v.EnterTypeSystemDefinition(definition);
                    }

                    break;
            }
        }

        foreach (var v in visitors)
        {
            v.LeaveDocument(document);
        }
    }

    private void WalkOperation(ValidationVisitor[] visitors, OperationDefinitionNode node)
    {
        CurrentDefinition = node;
        var root = Schema.GetRootType(node.Operation);
        _typeStack.Add(root);
        foreach (var v in visitors)
        {
            v.EnterOperation(node);
        }

        foreach (var variable in node.VariableDefinitions)
        {
            WalkVariableDefinition(visitors, variable);
        }

        WalkDirectives(visitors, node, node.Directives, node.Operation switch
        {
            OperationType.Mutation => DirectiveLocation.Mutation,
            OperationType.Subscription => DirectiveLocation.Subscription,
            _ => DirectiveLocation.Query,
        });
        WalkSelectionSet(visitors, node.SelectionSet);

        foreach (var v in visitors)
        {
            v.LeaveOperation(node);
        }

        _typeStack.RemoveAt(_typeStack.Count - 1);
        CurrentDefinition = null;
    }

    private void WalkFragmentDefinition(ValidationVisitor[] visitors, FragmentDefinitionNode node)
    {
        CurrentDefinition = node;
        var type = Schema.GetType(node.TypeCondition.Name.Value);
        _typeStack.Add(TypeUtilities.IsOutputType(type) ? type : null);
        foreach (var v in visitors)
        {
            v.EnterFragmentDefinition(node);
        }

        WalkNamedType(visitors, node.TypeCondition);
        WalkDirectives(visitors, node, node.Directives, DirectiveLocation.FragmentDefinition);
        WalkSelectionSet(visitors, node.SelectionSet);

        foreach (var v in visitors)
        {
            v.LeaveFragmentDefinition(node);
        }

        _typeStack.RemoveAt(_typeStack.Count - 1);
        CurrentDefinition = null;
    }

    private void WalkVariableDefinition(ValidationVisitor[] visitors, VariableDefinitionNode node)
    {
        // Nothing inside a variable definition is a variable usage (graphql-js skips the whole definition).
        var definition = CurrentDefinition;
        CurrentDefinition = null;
        var inputType = TypeUtilities.TypeFromAst(Schema, node.Type);
        _inputTypeStack.Add(TypeUtilities.IsInputType(inputType) ? inputType : null);
        foreach (var v in visitors)
        {
            v.EnterVariableDefinition(node);
        }

        WalkTypeReference(visitors, node.Type);
        if (node.DefaultValue is { } defaultValue)
        {
            _defaultValueStack.Add(null);
            _objectFieldStack.Add(false);
            WalkValue(visitors, defaultValue);
            _objectFieldStack.RemoveAt(_objectFieldStack.Count - 1);
            _defaultValueStack.RemoveAt(_defaultValueStack.Count - 1);
        }

        WalkDirectives(visitors, node, node.Directives, DirectiveLocation.VariableDefinition);

        foreach (var v in visitors)
        {
            v.LeaveVariableDefinition(node);
        }

        _inputTypeStack.RemoveAt(_inputTypeStack.Count - 1);
        CurrentDefinition = definition;
    }

    private static void WalkTypeReference(ValidationVisitor[] visitors, TypeNode node)
    {
        while (true)
        {
            switch (node)
            {
                case NonNullTypeNode nonNull:
                    node = nonNull.Type;
                    continue;
                case ListTypeNode list:
                    node = list.Type;
                    continue;
                case NamedTypeNode named:
                    WalkNamedType(visitors, named);
                    return;
                default:
                    return;
            }
        }
    }

    private static void WalkNamedType(ValidationVisitor[] visitors, NamedTypeNode node)
    {
        foreach (var v in visitors)
        {
            v.EnterNamedType(node);
        }
    }

    private void WalkSelectionSet(ValidationVisitor[] visitors, SelectionSetNode node)
    {
        RuntimeHelpers.EnsureSufficientExecutionStack();
        var namedType = Type is { } type ? TypeUtilities.GetNamedType(type) : null;
        _parentTypeStack.Add(TypeUtilities.IsCompositeType(namedType) ? namedType : null);
        foreach (var v in visitors)
        {
            v.EnterSelectionSet(node);
        }

        foreach (var selection in node.Selections)
        {
            switch (selection)
            {
                case FieldNode field:
                    WalkField(visitors, field);
                    break;
                case FragmentSpreadNode spread:
                    foreach (var v in visitors)
                    {
                        v.EnterFragmentSpread(spread);
                    }

                    WalkDirectives(visitors, spread, spread.Directives, DirectiveLocation.FragmentSpread);
                    break;
                case InlineFragmentNode inline:
                    WalkInlineFragment(visitors, inline);
                    break;
            }
        }

        foreach (var v in visitors)
        {
            v.LeaveSelectionSet(node);
        }

        _parentTypeStack.RemoveAt(_parentTypeStack.Count - 1);
    }

    private void WalkField(ValidationVisitor[] visitors, FieldNode node)
    {
        var parentType = ParentType;
        var fieldDef = parentType is null ? null : IntrospectionMetaFields.GetField(Schema, parentType, node.Name.Value);
        var fieldType = fieldDef?.Type;
        _fieldDefStack.Add(fieldDef);
        _typeStack.Add(TypeUtilities.IsOutputType(fieldType) ? fieldType : null);
        foreach (var v in visitors)
        {
            v.EnterField(node);
        }

        WalkArguments(visitors, node, node.Arguments);
        WalkDirectives(visitors, node, node.Directives, DirectiveLocation.Field);
        if (node.SelectionSet is { } selectionSet)
        {
            WalkSelectionSet(visitors, selectionSet);
        }

        foreach (var v in visitors)
        {
            v.LeaveField(node);
        }

        _typeStack.RemoveAt(_typeStack.Count - 1);
        _fieldDefStack.RemoveAt(_fieldDefStack.Count - 1);
    }

    private void WalkInlineFragment(ValidationVisitor[] visitors, InlineFragmentNode node)
    {
        GraphQLType? outputType = node.TypeCondition is { } condition
            ? Schema.GetType(condition.Name.Value)
            : (Type is { } current ? TypeUtilities.GetNamedType(current) : null);
        _typeStack.Add(TypeUtilities.IsOutputType(outputType) ? outputType : null);
        foreach (var v in visitors)
        {
            v.EnterInlineFragment(node);
        }

        if (node.TypeCondition is { } typeCondition)
        {
            WalkNamedType(visitors, typeCondition);
        }

        WalkDirectives(visitors, node, node.Directives, DirectiveLocation.InlineFragment);
        WalkSelectionSet(visitors, node.SelectionSet);
        foreach (var v in visitors)
        {
            v.LeaveInlineFragment(node);
        }

        _typeStack.RemoveAt(_typeStack.Count - 1);
    }

    private void WalkDirectives(ValidationVisitor[] visitors, SyntaxNode owner, IReadOnlyList<DirectiveNode> directives, DirectiveLocation location)
    {
        if (directives.Count == 0)
        {
            return;
        }

        foreach (var v in visitors)
        {
            v.EnterDirectives(owner, directives);
        }

        foreach (var directive in directives)
        {
            Directive = Schema.GetDirective(directive.Name.Value);
            DirectiveLocation = location;
            foreach (var v in visitors)
            {
                v.EnterDirective(directive);
            }

            WalkArguments(visitors, directive, directive.Arguments);
            foreach (var v in visitors)
            {
                v.LeaveDirective(directive);
            }

            Directive = null;
        }
    }

    private void WalkArguments(ValidationVisitor[] visitors, SyntaxNode owner, IReadOnlyList<ArgumentNode> arguments)
    {
        if (arguments.Count == 0)
        {
            return;
        }

        foreach (var v in visitors)
        {
            v.EnterArguments(owner, arguments);
        }

        var definitions = owner is DirectiveNode ? Directive?.Arguments : FieldDefinition?.Arguments;
        var previousOwner = ArgumentOwner;
        ArgumentOwner = owner;
        foreach (var argument in arguments)
        {
            var argDef = definitions is null ? null : TypeUtilities.FindInputValue(definitions, argument.Name.Value);
            var argType = argDef?.Type;
            Argument = argDef;
            _defaultValueStack.Add(argDef);
            _inputTypeStack.Add(TypeUtilities.IsInputType(argType) ? argType : null);
            _objectFieldStack.Add(false);
            foreach (var v in visitors)
            {
                v.EnterArgument(argument);
            }

            WalkValue(visitors, argument.Value);
            foreach (var v in visitors)
            {
                v.LeaveArgument(argument);
            }

            _objectFieldStack.RemoveAt(_objectFieldStack.Count - 1);
            _inputTypeStack.RemoveAt(_inputTypeStack.Count - 1);
            _defaultValueStack.RemoveAt(_defaultValueStack.Count - 1);
            Argument = null;
        }

        ArgumentOwner = previousOwner;
    }

    private void WalkValue(ValidationVisitor[] visitors, ValueNode node)
    {
        RuntimeHelpers.EnsureSufficientExecutionStack();
        if (node is EnumValueNode enumNode)
        {
            EnumValue = InputType is { } enumInput && TypeUtilities.GetNamedType(enumInput) is EnumType enumType
                ? enumType.GetValue(enumNode.Value)
                : null;
        }
        else if (node is VariableNode variable && CurrentDefinition is { } definition)
        {
            if (!_variableUsages.TryGetValue(definition, out var usages))
            {
                usages = [];
                _variableUsages[definition] = usages;
            }

            usages.Add(new VariableUsage(variable, InputType, DefaultValueOwner?.HasDefaultValue == true, ParentInputType, _objectFieldStack[^1]));
        }

        foreach (var v in visitors)
        {
            v.EnterValue(node);
        }

        switch (node)
        {
            case ListValueNode list:
            {
                var listType = InputType is { } input ? TypeUtilities.GetNullableType(input) : null;
                var itemType = listType is ListType lt ? lt.OfType : listType;
                _defaultValueStack.Add(null);
                _inputTypeStack.Add(TypeUtilities.IsInputType(itemType) ? itemType : null);
                _objectFieldStack.Add(false);
                foreach (var item in list.Values)
                {
                    WalkValue(visitors, item);
                }

                _objectFieldStack.RemoveAt(_objectFieldStack.Count - 1);
                _inputTypeStack.RemoveAt(_inputTypeStack.Count - 1);
                _defaultValueStack.RemoveAt(_defaultValueStack.Count - 1);
                break;
            }

            case ObjectValueNode obj:
                foreach (var field in obj.Fields)
                {
                    WalkObjectField(visitors, field);
                }

                break;
        }

        foreach (var v in visitors)
        {
            v.LeaveValue(node);
        }

        if (node is EnumValueNode)
        {
            EnumValue = null;
        }
    }

    private void WalkObjectField(ValidationVisitor[] visitors, ObjectFieldNode node)
    {
        var objectType = InputType is { } input ? TypeUtilities.GetNamedType(input) : null;
        InputValueDefinition? fieldDef = null;
        if (objectType is InputObjectType inputObject)
        {
            fieldDef = inputObject.Fields.GetValueOrDefault(node.Name.Value);
        }

        var fieldType = fieldDef?.Type;
        _defaultValueStack.Add(fieldDef);
        _inputTypeStack.Add(TypeUtilities.IsInputType(fieldType) ? fieldType : null);
        _objectFieldStack.Add(true);
        foreach (var v in visitors)
        {
            v.EnterObjectField(node);
        }

        WalkValue(visitors, node.Value);
        foreach (var v in visitors)
        {
            v.LeaveObjectField(node);
        }

        _objectFieldStack.RemoveAt(_objectFieldStack.Count - 1);
        _inputTypeStack.RemoveAt(_inputTypeStack.Count - 1);
        _defaultValueStack.RemoveAt(_defaultValueStack.Count - 1);
    }
}
