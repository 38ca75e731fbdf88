using RunsGateway.GraphQL.Language;
using RunsGateway.GraphQL.Types;

namespace RunsGateway.GraphQL.Validation.Rules;

/// <summary>Argument Names: every argument is defined by its field (unless <c>directivesOnly</c>) or directive.</summary>
internal sealed class KnownArgumentNamesVisitor(ValidationContext context, bool directivesOnly) : ValidationVisitor(context)
{
    public override void EnterArgument(ArgumentNode node)
    {
        if (Context.Argument is not null)
        {
            return;
        }

        var argName = node.Name.Value;
        if (Context.ArgumentOwner is DirectiveNode)
        {
            if (Context.Directive is { } directive)
            {
                var hint = Suggestions.DidYouMean(Suggestions.SuggestionList(argName, directive.Arguments.Select(a => a.Name)));
                Context.ReportError($"Unknown argument \"{argName}\" on directive \"@{directive.Name}\".{hint}", node);
            }
        }
        else if (!directivesOnly && Context.FieldDefinition is { } field && Context.ParentType is { } parentType)
        {
            var hint = Suggestions.DidYouMean(Suggestions.SuggestionList(argName, field.Arguments.Select(a => a.Name)));
            Context.ReportError($"Unknown argument \"{argName}\" on field \"{parentType.Name}.{field.Name}\".{hint}", node);
        }
    }
}

/// <summary>Argument Uniqueness: a field or directive is given each argument at most once.</summary>
internal sealed class UniqueArgumentNamesVisitor(ValidationContext context) : ValidationVisitor(context)
{
    public override void EnterArguments(SyntaxNode owner, IReadOnlyList<ArgumentNode> arguments)
    {
        if (arguments.Count < 2)
        {
            return;
        }

        foreach (var group in arguments.GroupBy(a => a.Name.Value, StringComparer.Ordinal))
        {
            var nodes = group.ToList();
            if (nodes.Count > 1)
            {
                Context.ReportError(
                    $"There can be only one argument named \"{group.Key}\".",
                    nodes.Select(n => n.Name.Location.ToSourceLocation()).ToList());
            }
        }
    }
}

/// <summary>Required Arguments: every non-null argument without a default is provided (fields unless <c>directivesOnly</c>, and directives).</summary>
internal sealed class ProvidedRequiredArgumentsVisitor(ValidationContext context, bool directivesOnly) : ValidationVisitor(context)
{
    public override void LeaveField(FieldNode node)
    {
        if (directivesOnly || Context.FieldDefinition is not { } field)
        {
            return;
        }

        foreach (var argument in MissingRequired(field.Arguments, node.Arguments))
        {
            Context.ReportError(
                $"Field \"{field.Name}\" argument \"{argument.Name}\" of type \"{argument.Type}\" is required, but it was not provided.",
                node);
        }
    }

    public override void LeaveDirective(DirectiveNode node)
    {
        if (Context.Directive is not { } directive)
        {
            return;
        }

        foreach (var argument in MissingRequired(directive.Arguments, node.Arguments))
        {
            Context.ReportError(
                $"Directive \"@{directive.Name}\" argument \"{argument.Name}\" of type \"{argument.Type}\" is required, but it was not provided.",
                node);
        }
    }

    private static IEnumerable<InputValueDefinition> MissingRequired(IReadOnlyList<InputValueDefinition> definitions, IReadOnlyList<ArgumentNode> provided)
    {
        foreach (var definition in definitions)
        {
            if (definition.Type is NonNullType && !definition.HasDefaultValue
                && !provided.Any(a => string.Equals(a.Name.Value, definition.Name, StringComparison.Ordinal)))
            {
                yield return definition;
            }
        }
    }
}

/// <summary>Directives Are Defined and Directives Are in Valid Locations.</summary>
internal sealed class KnownDirectivesVisitor(ValidationContext context) : ValidationVisitor(context)
{
    public override void EnterDirective(DirectiveNode node)
    {
        if (Context.Directive is not { } directive)
        {
            Context.ReportError($"Unknown directive \"@{node.Name.Value}\".", node);
            return;
        }

        var location = Context.DirectiveLocation;
        if (!directive.Locations.Contains(location))
        {
            Context.ReportError($"Directive \"@{directive.Name}\" may not be used on {location.ToSpecName()}.", node);
        }
    }
}

/// <summary>Directives Are Unique per Location: a non-repeatable directive is used at most once per node.</summary>
internal sealed class UniqueDirectivesPerLocationVisitor(ValidationContext context) : ValidationVisitor(context)
{
    public override void EnterDirectives(SyntaxNode owner, IReadOnlyList<DirectiveNode> directives)
    {
        if (directives.Count < 2)
        {
            return;
        }

        var seen = new Dictionary<string, DirectiveNode>(StringComparer.Ordinal);
        foreach (var directive in directives)
        {
            var name = directive.Name.Value;
            if (Context.Schema.GetDirective(name) is not { IsRepeatable: false })
            {
                continue;
            }

            if (seen.TryGetValue(name, out var first))
            {
                Context.ReportError($"The directive \"@{name}\" can only be used once at this location.", first, directive);
            }
            else
            {
                seen[name] = directive;
            }
        }
    }
}
