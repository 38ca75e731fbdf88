using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using RunsGateway.GraphQL.Types;

namespace RunsGateway.GraphQL.AspNetCore.Tests.Hosting;

/// <summary>A small schema whose resolvers expose what the transport hands to the engine.</summary>
internal static class TestSchema
{
    public const string Sdl = """
        type Query {
          hello(name: String): String!
          add(a: Int!, b: Int!): Int!
          fail: String
          header(name: String!): String
          scopeId: String!
          waitForCancellation: String
        }

        type Mutation {
          increment: Int!
        }
        """;

    public static Schema Build(TestProbes probes) => SchemaBuilder.FromSdl(Sdl)
        .AddResolver("Query", "hello", context => $"Hello, {context.ArgumentValue<string>("name") ?? "world"}!")
        .AddResolver("Query", "add", context => context.ArgumentValue<int>("a") + context.ArgumentValue<int>("b"))
        .AddResolver("Query", "fail", _ => throw new GraphQLException(GraphQLError.WithCode("The resolver failed on purpose.", "TEST_FAILURE")))
        .AddResolver("Query", "header", context =>
        {
            var http = (HttpContext)context.ContextData[GraphQLHttpContextData.HttpContext]!;
            return http.Request.Headers[context.ArgumentValue<string>("name")!].ToString();
        })
        .AddResolver("Query", "scopeId", context => context.Services!.GetRequiredService<RequestScope>().Id)
        .AddResolver("Query", "waitForCancellation", async context =>
        {
            probes.WaitStarted.TrySetResult();
            try
            {
                await Task.Delay(Timeout.Infinite, context.CancellationToken);
            }
            catch (OperationCanceledException)
            {
                probes.WaitCancelled.TrySetResult();
                throw;
            }

            return null;
        })
        .AddResolver("Mutation", "increment", _ => Interlocked.Increment(ref probes.Counter))
        .Build();
}

/// <summary>Signals the resolvers raise, so tests can observe the engine without sleeping.</summary>
internal sealed class TestProbes
{
    public int Counter;

    public TaskCompletionSource WaitStarted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TaskCompletionSource WaitCancelled { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}

/// <summary>A scoped service: one instance per HTTP request.</summary>
internal sealed class RequestScope
{
    public string Id { get; } = Guid.NewGuid().ToString("N");
}
