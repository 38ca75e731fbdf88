namespace RunsGateway.GraphQL.Validation;

/// <summary>One validation rule of the GraphQL specification (or an optional extra rule), named as in graphql-js.</summary>
public abstract class ValidationRule
{
    private protected ValidationRule(string name)
    {
        Name = name;
    }

    /// <summary>The rule's graphql-js name, e.g. <c>FieldsOnCorrectTypeRule</c>.</summary>
    public string Name { get; }

    /// <inheritdoc />
    public override string ToString() => Name;

    internal abstract ValidationVisitor CreateVisitor(ValidationContext context);
}

/// <summary>A rule whose visitor is created by a factory.</summary>
internal sealed class DelegateValidationRule(string name, Func<ValidationContext, ValidationVisitor> factory) : ValidationRule(name)
{
    internal override ValidationVisitor CreateVisitor(ValidationContext context) => factory(context);
}
