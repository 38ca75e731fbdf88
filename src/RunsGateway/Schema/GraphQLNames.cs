using System.Collections.Frozen;
using System.Text;

namespace RunsGateway.Schema;

/// <summary>Maps CLR enum members (PascalCase) to GraphQL enum value names (UPPER_SNAKE_CASE) and back.</summary>
internal static class GraphQLNames<TEnum>
    where TEnum : struct, Enum
{
    private static readonly FrozenDictionary<TEnum, string> ToNames = Enum.GetValues<TEnum>().ToFrozenDictionary(v => v, v => UpperSnake(v.ToString()));
    private static readonly FrozenDictionary<string, TEnum> FromNames = ToNames.ToFrozenDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);

    public static string Name(TEnum value) => ToNames[value];

    /// <summary>Reads an enum argument, which the engine hands over as the value's name (or already as <typeparamref name="TEnum"/>).</summary>
    public static TEnum? Parse(object? value) => value switch
    {
        null => null,
        TEnum typed => typed,
        string name when FromNames.TryGetValue(name, out var parsed) => parsed,
        _ => throw new ArgumentException($"'{value}' is not a {typeof(TEnum).Name} value.", nameof(value)),
    };

    private static string UpperSnake(string pascal)
    {
        var builder = new StringBuilder(pascal.Length + 4);
        for (var i = 0; i < pascal.Length; i++)
        {
            if (i > 0 && char.IsUpper(pascal[i]) && !char.IsUpper(pascal[i - 1]))
            {
                builder.Append('_');
            }

            builder.Append(char.ToUpperInvariant(pascal[i]));
        }

        return builder.ToString();
    }
}
