namespace RunsGateway.Redis;

/// <summary>Base type of every failure raised by the Redis client.</summary>
public class RedisException : Exception
{
    /// <summary>Creates an exception with a message.</summary>
    public RedisException()
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    public RedisException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and the failure that caused it.</summary>
    public RedisException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>The connection could not be established, or was lost before the reply arrived.</summary>
public sealed class RedisConnectionException : RedisException
{
    /// <summary>Creates an exception.</summary>
    public RedisConnectionException()
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    public RedisConnectionException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and the failure that caused it.</summary>
    public RedisConnectionException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>The server rejected the credentials (AUTH or HELLO … AUTH failed).</summary>
public sealed class RedisAuthenticationException : RedisException
{
    /// <summary>Creates an exception.</summary>
    public RedisAuthenticationException()
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    public RedisAuthenticationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and the failure that caused it.</summary>
    public RedisAuthenticationException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>No reply arrived within the command timeout; the connection stays open and later replies stay matched.</summary>
public sealed class RedisTimeoutException : RedisException
{
    /// <summary>Creates an exception.</summary>
    public RedisTimeoutException()
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    public RedisTimeoutException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and the failure that caused it.</summary>
    public RedisTimeoutException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>The server answered a command with an error reply.</summary>
public sealed class RedisServerException : RedisException
{
    /// <summary>Creates an exception.</summary>
    public RedisServerException()
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    public RedisServerException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and the failure that caused it.</summary>
    public RedisServerException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates an exception for the error reply of a command.</summary>
    public RedisServerException(string command, string serverMessage)
        : base($"Redis replied to {command} with an error: {serverMessage}")
    {
        Command = command;
        ServerMessage = serverMessage;
    }

    /// <summary>Gets the name of the command that failed.</summary>
    public string? Command { get; }

    /// <summary>Gets the error text sent by the server, e.g. <c>WRONGTYPE …</c>.</summary>
    public string? ServerMessage { get; }
}

/// <summary>The server sent bytes that are not valid RESP; the connection is dropped and re-established.</summary>
public sealed class RedisProtocolException : RedisException
{
    /// <summary>Creates an exception.</summary>
    public RedisProtocolException()
    {
    }

    /// <summary>Creates an exception with a message.</summary>
    public RedisProtocolException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and the failure that caused it.</summary>
    public RedisProtocolException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
