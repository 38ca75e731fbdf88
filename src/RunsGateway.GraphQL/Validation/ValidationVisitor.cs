using RunsGateway.GraphQL.Language;

namespace RunsGateway.GraphQL.Validation;

/// <summary>
/// The per-validation callbacks of one rule. The walker calls them in document order; the type information of the
/// current position (parent type, field, argument, input type…) is available from <see cref="Context"/>.
/// </summary>
internal abstract class ValidationVisitor(ValidationContext context)
{
    /// <summary>The validation in progress.</summary>
    protected ValidationContext Context { get; } = context;

    public virtual void EnterDocument(DocumentNode node)
    {
    }

    public virtual void LeaveDocument(DocumentNode node)
    {
    }

    /// <summary>Called for every top-level definition that is not an operation or fragment.</summary>
    public virtual void EnterTypeSystemDefinition(DefinitionNode node)
    {
    }

    public virtual void EnterOperation(OperationDefinitionNode node)
    {
    }

    public virtual void LeaveOperation(OperationDefinitionNode node)
    {
    }

    public virtual void EnterFragmentDefinition(FragmentDefinitionNode node)
    {
    }

    public virtual void LeaveFragmentDefinition(FragmentDefinitionNode node)
    {
    }

    public virtual void EnterVariableDefinition(VariableDefinitionNode node)
    {
    }

    public virtual void LeaveVariableDefinition(VariableDefinitionNode node)
    {
    }

    public virtual void EnterSelectionSet(SelectionSetNode node)
    {
    }

    public virtual void LeaveSelectionSet(SelectionSetNode node)
    {
    }

    public virtual void EnterField(FieldNode node)
    {
    }

    public virtual void LeaveField(FieldNode node)
    {
    }

    public virtual void EnterFragmentSpread(FragmentSpreadNode node)
    {
    }

    public virtual void EnterInlineFragment(InlineFragmentNode node)
    {
    }

    public virtual void LeaveInlineFragment(InlineFragmentNode node)
    {
    }

    /// <summary>Called once per node that carries at least one directive, before its directives are visited.</summary>
    public virtual void EnterDirectives(SyntaxNode owner, IReadOnlyList<DirectiveNode> directives)
    {
    }

    public virtual void EnterDirective(DirectiveNode node)
    {
    }

    public virtual void LeaveDirective(DirectiveNode node)
    {
    }

    /// <summary>Called once per field or directive with at least one argument, before the arguments are visited.</summary>
    public virtual void EnterArguments(SyntaxNode owner, IReadOnlyList<ArgumentNode> arguments)
    {
    }

    public virtual void EnterArgument(ArgumentNode node)
    {
    }

    public virtual void LeaveArgument(ArgumentNode node)
    {
    }

    /// <summary>Called for every value node (variables, literals, lists, objects) except the variable a definition declares.</summary>
    public virtual void EnterValue(ValueNode node)
    {
    }

    public virtual void LeaveValue(ValueNode node)
    {
    }

    public virtual void EnterObjectField(ObjectFieldNode node)
    {
    }

    public virtual void LeaveObjectField(ObjectFieldNode node)
    {
    }

    /// <summary>Called for every named type reference (variable types and type conditions).</summary>
    public virtual void EnterNamedType(NamedTypeNode node)
    {
    }
}
