using System.Security.Cryptography;
using System.Text;

namespace RunsGateway.VendorSimulator.Infrastructure;

/// <summary>Credential checks for the two documented schemes.</summary>
internal static class Credentials
{
    public static bool HasBearer(HttpRequest request, string expected)
    {
        var header = request.Headers.Authorization.ToString();
        const string scheme = "Bearer ";
        return header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase)
            && FixedTimeEquals(header[scheme.Length..].Trim(), expected);
    }

    public static bool HasApiKey(HttpRequest request, string expected) =>
        request.Headers.TryGetValue("X-Api-Key", out var values)
        && values.Count == 1
        && FixedTimeEquals(values.ToString(), expected);

    private static bool FixedTimeEquals(string actual, string expected) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(actual), Encoding.UTF8.GetBytes(expected));
}
