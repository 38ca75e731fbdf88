using System.Diagnostics.CodeAnalysis;

namespace RunsGateway.Core;

/// <summary>A value or a <see cref="VendorError"/>: batch loads return one per key instead of throwing.</summary>
/// <typeparam name="T">The value type; may be a nullable reference type (e.g. a summary a vendor does not have).</typeparam>
public sealed class Result<T>
{
    private readonly T _value;

    internal Result(T value, VendorError? error)
    {
        _value = value;
        Error = error;
    }

    /// <summary>The error, or null on success.</summary>
    public VendorError? Error { get; }

    /// <summary>Whether the result holds a value.</summary>
    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsSuccess => Error is null;

    /// <summary>The value; throws <see cref="InvalidOperationException"/> on a failure.</summary>
    public T Value => Error is null ? _value : throw new InvalidOperationException($"The result is a {Error.Kind} failure from {Error.Vendor}.");

    /// <summary>Gets the value when the result is a success.</summary>
    public bool TryGetValue(out T value)
    {
        value = _value;
        return Error is null;
    }

    /// <summary>Maps the value, passing an error through.</summary>
    public Result<TOut> Map<TOut>(Func<T, TOut> map)
    {
        ArgumentNullException.ThrowIfNull(map);
        return Error is null ? Result.Success(map(_value)) : Result.Failure<TOut>(Error);
    }

    /// <inheritdoc />
    public override string ToString() => Error is null ? $"Success({_value})" : $"Failure({Error.Kind}, {Error.Vendor})";
}

/// <summary>Factories for <see cref="Result{T}"/>.</summary>
public static class Result
{
    /// <summary>A successful result.</summary>
    public static Result<T> Success<T>(T value) => new(value, null);

    /// <summary>A failed result.</summary>
    public static Result<T> Failure<T>(VendorError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return new(default!, error);
    }
}
