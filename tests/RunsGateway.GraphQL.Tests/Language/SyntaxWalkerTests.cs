using RunsGateway.GraphQL.Language;

namespace RunsGateway.GraphQL.Tests.Language;

public sealed class SyntaxWalkerTests
{
    [Fact]
    public void Walk_Document_VisitsNodesInSourceOrderAndCanSkipSubtrees()
    {
        var document = Parser.Parse("query Q($v: Int = 1) { a(x: $v) { b } c @skip(if: true) }");
        var walker = new RecordingWalker(skip: SyntaxKind.Directive);

        walker.Walk(document);

        walker.Entered.ShouldBe(
        [
            "Document", "OperationDefinition", "Name:Q", "VariableDefinition", "Variable", "Name:v", "NamedType", "Name:Int", "IntValue",
            "SelectionSet", "Field", "Name:a", "Argument", "Name:x", "Variable", "Name:v", "SelectionSet", "Field", "Name:b",
            "Field", "Name:c", "Directive",
        ]);
        walker.Left.Count.ShouldBe(walker.Entered.Count);
        walker.Left[^1].ShouldBe("Document");
    }

    private sealed class RecordingWalker(SyntaxKind skip) : SyntaxWalker
    {
        public List<string> Entered { get; } = [];

        public List<string> Left { get; } = [];

        protected override bool Enter(SyntaxNode node)
        {
            Entered.Add(Describe(node));
            return node.Kind != skip;
        }

        protected override void Leave(SyntaxNode node) => Left.Add(Describe(node));

        private static string Describe(SyntaxNode node) => node is NameNode name ? "Name:" + name.Value : node.Kind.ToString();
    }
}
