using RunsGateway.Schema;

namespace RunsGateway.Tests.Schema;

public sealed class SchemaContractTests
{
    private static string RepositoryFile(string name)
    {
        var root = typeof(SchemaContractTests).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false)
            .OfType<System.Reflection.AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == "RepositoryRoot")?.Value;
        if (root is not null && File.Exists(Path.Combine(root, name)))
        {
            return Path.Combine(root, name);
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "RunsGateway.sln")))
            {
                return Path.Combine(dir.FullName, name);
            }
        }

        throw new FileNotFoundException("The repository root was not found above " + AppContext.BaseDirectory);
    }

    [Fact]
    public void Print_RunningSchema_EqualsTheSchemaGraphqlContract()
    {
        var contract = File.ReadAllText(RepositoryFile("schema.graphql")).ReplaceLineEndings("\n");

        var printed = SchemaExport.Print();

        printed.ShouldBe(contract, "schema.graphql is out of date: run `dotnet run --project src/RunsGateway -- schema export`");
    }

    [Fact]
    public void Print_EveryFieldArgumentAndEnumValue_HasADescription()
    {
        var schema = GatewaySchema.Builder()
            .UseDefaultResolver(_ => ValueTask.FromResult<object?>(null))
            .Build();
        var missing = new List<string>();
        foreach (var type in schema.Types.Values.Where(t => !t.Name.StartsWith("__", StringComparison.Ordinal) && !GraphQL.Types.Scalars.IsSpecifiedScalarName(t.Name)))
        {
            if (string.IsNullOrWhiteSpace(type.Description))
            {
                missing.Add(type.Name);
            }

            switch (type)
            {
                case GraphQL.Types.ObjectType or GraphQL.Types.InterfaceType:
                    var fields = type is GraphQL.Types.ObjectType o ? o.Fields : ((GraphQL.Types.InterfaceType)type).Fields;
                    foreach (var field in fields.Values)
                    {
                        if (string.IsNullOrWhiteSpace(field.Description))
                        {
                            missing.Add($"{type.Name}.{field.Name}");
                        }

                        missing.AddRange(field.Arguments.Where(a => string.IsNullOrWhiteSpace(a.Description)).Select(a => $"{type.Name}.{field.Name}({a.Name})"));
                    }

                    break;
                case GraphQL.Types.EnumType e:
                    missing.AddRange(e.Values.Where(v => string.IsNullOrWhiteSpace(v.Description)).Select(v => $"{e.Name}.{v.Name}"));
                    break;
                case GraphQL.Types.InputObjectType i:
                    missing.AddRange(i.Fields.Values.Where(f => string.IsNullOrWhiteSpace(f.Description)).Select(f => $"{i.Name}.{f.Name}"));
                    break;
            }
        }

        missing.ShouldBeEmpty();
    }
}
