using RunsGateway.GraphQL.Language;

namespace RunsGateway.GraphQL.Types;

/// <summary>The directives every schema has: @include, @skip, @deprecated, @specifiedBy and @oneOf.</summary>
public static class BuiltInDirectives
{
    /// <summary>The default reason of <c>@deprecated</c>.</summary>
    public const string DefaultDeprecationReason = "No longer supported";

    /// <summary><c>@include(if: Boolean!)</c>.</summary>
    public static DirectiveDefinition Include { get; } = new("include", [DirectiveLocation.Field, DirectiveLocation.FragmentSpread, DirectiveLocation.InlineFragment])
    {
        Description = "Directs the executor to include this field or fragment only when the `if` argument is true.",
        Arguments = [new InputValueDefinition("if", new NonNullType(Scalars.Boolean)) { Description = "Included when true." }],
    };

    /// <summary><c>@skip(if: Boolean!)</c>.</summary>
    public static DirectiveDefinition Skip { get; } = new("skip", [DirectiveLocation.Field, DirectiveLocation.FragmentSpread, DirectiveLocation.InlineFragment])
    {
        Description = "Directs the executor to skip this field or fragment when the `if` argument is true.",
        Arguments = [new InputValueDefinition("if", new NonNullType(Scalars.Boolean)) { Description = "Skipped when true." }],
    };

    /// <summary><c>@deprecated(reason: String = "No longer supported")</c>.</summary>
    /// <remarks>
    /// graphql-js 16 types <c>reason</c> as nullable <c>String</c> and allows the directive on arguments and input fields;
    /// the spec draft types it <c>String!</c>. The nullable form accepts every document either accepts.
    /// </remarks>
    public static DirectiveDefinition Deprecated { get; } = new(
        "deprecated",
        [DirectiveLocation.FieldDefinition, DirectiveLocation.ArgumentDefinition, DirectiveLocation.InputFieldDefinition, DirectiveLocation.EnumValue])
    {
        Description = "Marks an element of a GraphQL schema as no longer supported.",
        Arguments =
        [
            new InputValueDefinition("reason", Scalars.String)
            {
                Description = "Explains why this element was deprecated, usually also including a suggestion for how to access supported similar data. Formatted using the Markdown syntax, as specified by [CommonMark](https://commonmark.org/).",
                DefaultValueLiteral = new StringValueNode { Value = DefaultDeprecationReason },
            },
        ],
    };

    /// <summary><c>@specifiedBy(url: String!)</c>.</summary>
    public static DirectiveDefinition SpecifiedBy { get; } = new("specifiedBy", [DirectiveLocation.Scalar])
    {
        Description = "Exposes a URL that specifies the behavior of this scalar.",
        Arguments = [new InputValueDefinition("url", new NonNullType(Scalars.String)) { Description = "The URL that specifies the behavior of this scalar." }],
    };

    /// <summary><c>@oneOf</c> on input objects.</summary>
    public static DirectiveDefinition OneOf { get; } = new("oneOf", [DirectiveLocation.InputObject])
    {
        Description = "Indicates exactly one field must be supplied and this field must not be `null`.",
    };

    /// <summary>All built-in directives.</summary>
    public static IReadOnlyList<DirectiveDefinition> All { get; } = [Include, Skip, Deprecated, SpecifiedBy, OneOf];

    /// <summary>True for the names of the built-in directives.</summary>
    public static bool IsSpecifiedDirectiveName(string name) => name is "include" or "skip" or "deprecated" or "specifiedBy" or "oneOf";

    /// <summary>The built-in directive with that name, or null.</summary>
    public static DirectiveDefinition? Get(string name) => name switch
    {
        "include" => Include,
        "skip" => Skip,
        "deprecated" => Deprecated,
        "specifiedBy" => SpecifiedBy,
        "oneOf" => OneOf,
        _ => null,
    };
}
