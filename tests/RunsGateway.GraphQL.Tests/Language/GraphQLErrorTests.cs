using RunsGateway.GraphQL.Language;

namespace RunsGateway.GraphQL.Tests.Language;

public sealed class GraphQLErrorTests
{
    [Fact]
    public void Code_ReadsTheCodeExtension()
    {
        var error = GraphQLError.WithCode("boom", ErrorCodes.BadUserInput, [new SourceLocation(1, 2)], ["a", 0]);

        error.Code.ShouldBe(ErrorCodes.BadUserInput);
        error.Locations.ShouldBe([new SourceLocation(1, 2)]);
        error.Path.ShouldBe(["a", 0]);
        new GraphQLError("plain").Code.ShouldBeNull();
        new GraphQLError("plain").Locations.ShouldBeEmpty();
    }

    [Fact]
    public void WithMethods_ReturnCopiesAndLeaveTheOriginalUnchanged()
    {
        var original = GraphQLError.WithCode("boom", "A");

        var moved = original.WithPath(["x"]).WithLocations([new SourceLocation(3, 4)]).WithExtensions(new Dictionary<string, object?> { ["code"] = "B", ["extra"] = 1 });

        original.Path.ShouldBeNull();
        original.Code.ShouldBe("A");
        moved.Path.ShouldBe(["x"]);
        moved.Locations.Single().ShouldBe(new SourceLocation(3, 4));
        moved.Code.ShouldBe("B");
        moved.Extensions!["extra"].ShouldBe(1);
        moved.Message.ShouldBe("boom");
    }

    [Fact]
    public void GraphQLException_FromErrors_KeepsAllErrorsAndUsesTheFirstMessage()
    {
        var inner = new InvalidOperationException("inner");
        var exception = new GraphQLException([new GraphQLError("first", innerException: inner), new GraphQLError("second")]);

        exception.Errors.Select(e => e.Message).ShouldBe(["first", "second"]);
        exception.Message.ShouldBe("first");
        exception.InnerException.ShouldBeSameAs(inner);
        new GraphQLException("only").Errors.Single().Message.ShouldBe("only");
        new GraphQLException(Array.Empty<GraphQLError>()).Errors.ShouldHaveSingleItem();
    }

    [Fact]
    public void ToString_IncludesTheFirstLocation()
    {
        new GraphQLError("m", [new SourceLocation(2, 5)]).ToString().ShouldBe("m (2:5)");
    }
}
