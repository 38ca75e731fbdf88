namespace RunsGateway.GraphQL.DataLoading;

/// <summary>The outcome of loading one key: a value (possibly null) or an error.</summary>
/// <typeparam name="TValue">The value type.</typeparam>
public readonly struct Result<TValue> : IEquatable<Result<TValue>>
{
    /// <summary>Creates a successful result.</summary>
    public Result(TValue? value)
    {
        Value = value;
        Error = null;
    }

    /// <summary>Creates a failed result.</summary>
    public Result(Exception error)
    {
        ArgumentNullException.ThrowIfNull(error);
        Value = default;
        Error = error;
    }

    /// <summary>The loaded value; default when <see cref="IsError"/> is true.</summary>
    public TValue? Value { get; }

    /// <summary>The error for this key, or null on success.</summary>
    public Exception? Error { get; }

    /// <summary>True when the key failed to load.</summary>
    public bool IsError => Error is not null;

    /// <summary>Wraps a value.</summary>
    public static implicit operator Result<TValue>(TValue? value) => new(value);

    /// <summary>Wraps an error.</summary>
    public static implicit operator Result<TValue>(Exception error) => new(error);

    /// <inheritdoc />
    public bool Equals(Result<TValue> other) => EqualityComparer<TValue?>.Default.Equals(Value, other.Value) && Equals(Error, other.Error);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Result<TValue> other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Value, Error);

    /// <summary>Compares two results.</summary>
    public static bool operator ==(Result<TValue> left, Result<TValue> right) => left.Equals(right);

    /// <summary>Compares two results.</summary>
    public static bool operator !=(Result<TValue> left, Result<TValue> right) => !left.Equals(right);
}

/// <summary>Factory methods for <see cref="Result{TValue}"/>.</summary>
public static class Result
{
    /// <summary>Creates a successful result.</summary>
    public static Result<TValue> Success<TValue>(TValue? value) => new(value);

    /// <summary>Creates a failed result.</summary>
    public static Result<TValue> Failure<TValue>(Exception error) => new(error);
}
