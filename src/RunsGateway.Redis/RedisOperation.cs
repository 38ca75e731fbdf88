using System.Buffers;
using RunsGateway.Redis.Protocol;

namespace RunsGateway.Redis;

/// <summary>A request queued on a connection: it writes one or more commands and consumes as many replies, in order.</summary>
internal interface IRedisOperation
{
    /// <summary>Gets the command name used in messages (never arguments, which may be sensitive).</summary>
    string Name { get; }

    /// <summary>Gets or sets the <see cref="TimeProvider.GetTimestamp"/> at which the operation was queued.</summary>
    long QueuedAt { get; set; }

    /// <summary>Gets or sets a value indicating whether the commands reached the socket.</summary>
    bool Sent { get; set; }

    bool IsCompleted { get; }

    void Write(IBufferWriter<byte> output);

    /// <summary>Consumes one reply; returns true once the operation needs no more replies.</summary>
    bool OnReply(in RespValue reply);

    void Fail(Exception exception);
}

/// <summary>
/// Base of every operation: the operation is its own completion source, so a command costs one allocation
/// besides its arguments. Once queued, an operation stays in the reply queue even when cancelled or timed out,
/// because its reply will still arrive and must be consumed to keep later replies matched.
/// </summary>
internal abstract class RedisOperation<T> : TaskCompletionSource<T>, IRedisOperation
{
    private CancellationTokenRegistration _cancellation;

    protected RedisOperation(string name)
        : base(TaskCreationOptions.RunContinuationsAsynchronously)
    {
        Name = name;
    }

    public string Name { get; }

    public long QueuedAt { get; set; }

    public bool Sent { get; set; }

    public bool IsCompleted => Task.IsCompleted;

    public abstract void Write(IBufferWriter<byte> output);

    public abstract bool OnReply(in RespValue reply);

    public void Complete(T result)
    {
        if (TrySetResult(result))
        {
            _cancellation.Unregister();
        }
    }

    public void Fail(Exception exception)
    {
        if (TrySetException(exception))
        {
            _cancellation.Unregister();
        }
    }

    public void AttachCancellation(CancellationToken cancellationToken)
    {
        if (!cancellationToken.CanBeCanceled)
        {
            return;
        }

        _cancellation = cancellationToken.UnsafeRegister(
            static (state, token) => ((RedisOperation<T>)state!).TrySetCanceled(token), this);

        // A reply may have beaten the registration; drop it so a long-lived token does not keep this alive.
        if (Task.IsCompleted)
        {
            _cancellation.Unregister();
        }
    }
}

/// <summary>One command, one reply, converted to <typeparamref name="T"/>.</summary>
internal sealed class CommandOperation<T>(RedisArg[] args, Func<RespValue, T> convert) : RedisOperation<T>(args[0].ToString())
{
    public override void Write(IBufferWriter<byte> output)
    {
        RespWriter.WriteArrayHeader(output, args.Length);
        foreach (var arg in args)
        {
            arg.WriteTo(output);
        }
    }

    public override bool OnReply(in RespValue reply)
    {
        if (reply.IsError)
        {
            Fail(new RedisServerException(Name, reply.ErrorMessage));
            return true;
        }

        T result;
        try
        {
            result = convert(reply);
        }
        catch (RedisException ex)
        {
            Fail(ex);
            return true;
        }

        Complete(result);
        return true;
    }
}

/// <summary>MGET written straight from the key list (no argument array), its reply turned into values in key order.</summary>
internal sealed class MGetOperation(IReadOnlyList<string> keys) : RedisOperation<byte[]?[]>("MGET")
{
    public override void Write(IBufferWriter<byte> output)
    {
        RespWriter.WriteArrayHeader(output, keys.Count + 1);
        RespWriter.WriteBulk(output, "MGET"u8);
        for (var i = 0; i < keys.Count; i++)
        {
            RespWriter.WriteBulk(output, keys[i]);
        }
    }

    public override bool OnReply(in RespValue reply)
    {
        if (reply.IsError)
        {
            Fail(new RedisServerException(Name, reply.ErrorMessage));
            return true;
        }

        var items = reply.Items;
        if (items.Length != keys.Count)
        {
            Fail(new RedisProtocolException($"MGET of {keys.Count} keys returned {items.Length} values."));
            return true;
        }

        var values = new byte[]?[items.Length];
        try
        {
            for (var i = 0; i < items.Length; i++)
            {
                values[i] = items[i].AsBytes();
            }
        }
        catch (RedisException ex)
        {
            Fail(ex);
            return true;
        }

        Complete(values);
        return true;
    }
}

/// <summary>Several MGETs written in one flush; one array of values per key set, in order.</summary>
internal sealed class PipelinedMGetOperation(IReadOnlyList<IReadOnlyList<string>> keySets) : RedisOperation<byte[]?[][]>("MGET")
{
    private readonly byte[]?[][] _results = new byte[]?[keySets.Count][];
    private RedisException? _error;
    private int _received;

    public override void Write(IBufferWriter<byte> output)
    {
        foreach (var keys in keySets)
        {
            RespWriter.WriteArrayHeader(output, keys.Count + 1);
            RespWriter.WriteBulk(output, "MGET"u8);
            for (var i = 0; i < keys.Count; i++)
            {
                RespWriter.WriteBulk(output, keys[i]);
            }
        }
    }

    public override bool OnReply(in RespValue reply)
    {
        var index = _received++;
        if (reply.IsError)
        {
            _error ??= new RedisServerException(Name, reply.ErrorMessage);
        }
        else if (_error is null)
        {
            var items = reply.Items;
            var values = new byte[]?[items.Length];
            try
            {
                for (var i = 0; i < items.Length; i++)
                {
                    values[i] = items[i].AsBytes();
                }
            }
            catch (RedisException ex)
            {
                _error = ex;
            }

            _results[index] = values;
        }

        if (_received < _results.Length)
        {
            return false;
        }

        if (_error is not null)
        {
            Fail(_error);
        }
        else
        {
            Complete(_results);
        }

        return true;
    }
}

/// <summary>Many GET commands written in one flush; results come back in key order.</summary>
internal sealed class PipelinedGetOperation(IReadOnlyList<string> keys) : RedisOperation<byte[]?[]>("GET")
{
    private readonly byte[]?[] _values = new byte[]?[keys.Count];
    private RedisServerException? _error;
    private int _received;

    public override void Write(IBufferWriter<byte> output)
    {
        for (var i = 0; i < keys.Count; i++)
        {
            RespWriter.WriteArrayHeader(output, 2);
            RespWriter.WriteBulk(output, "GET"u8);
            RespWriter.WriteBulk(output, keys[i]);
        }
    }

    public override bool OnReply(in RespValue reply)
    {
        if (reply.IsError)
        {
            _error ??= new RedisServerException(Name, reply.ErrorMessage);
        }
        else if (!reply.IsNull)
        {
            _values[_received] = reply.AsBytes();
        }

        if (++_received < _values.Length)
        {
            return false;
        }

        if (_error is not null)
        {
            Fail(_error);
        }
        else
        {
            Complete(_values);
        }

        return true;
    }
}

/// <summary>Many SET commands (each with its own expiry) written in one flush.</summary>
internal sealed class PipelinedSetOperation(IReadOnlyList<RedisSetItem> items) : RedisOperation<bool>("SET")
{
    private RedisServerException? _error;
    private int _received;

    public override void Write(IBufferWriter<byte> output)
    {
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            var expiry = item.Expiry is { } ttl ? RedisClient.ToMilliseconds(ttl) : 0;
            RespWriter.WriteArrayHeader(output, expiry > 0 ? 5 : 3);
            RespWriter.WriteBulk(output, "SET"u8);
            RespWriter.WriteBulk(output, item.Key);
            RespWriter.WriteBulk(output, item.Value.Span);
            if (expiry > 0)
            {
                RespWriter.WriteBulk(output, "PX"u8);
                RespWriter.WriteBulk(output, expiry);
            }
        }
    }

    public override bool OnReply(in RespValue reply)
    {
        if (reply.IsError)
        {
            _error ??= new RedisServerException(Name, reply.ErrorMessage);
        }

        if (++_received < items.Count)
        {
            return false;
        }

        if (_error is not null)
        {
            Fail(_error);
        }
        else
        {
            Complete(true);
        }

        return true;
    }
}

/// <summary>Any commands written in one flush; the raw replies (errors included, as values) come back in command order.</summary>
internal sealed class PipelineOperation(IReadOnlyList<RedisArg[]> commands) : RedisOperation<RespValue[]>(commands[0][0].ToString())
{
    private readonly RespValue[] _replies = new RespValue[commands.Count];
    private int _received;

    public override void Write(IBufferWriter<byte> output)
    {
        for (var i = 0; i < commands.Count; i++)
        {
            var args = commands[i];
            RespWriter.WriteArrayHeader(output, args.Length);
            foreach (var arg in args)
            {
                arg.WriteTo(output);
            }
        }
    }

    public override bool OnReply(in RespValue reply)
    {
        _replies[_received++] = reply;
        if (_received < _replies.Length)
        {
            return false;
        }

        Complete(_replies);
        return true;
    }
}

/// <summary>One entry of a pipelined SET: key, value and an optional expiry.</summary>
internal readonly record struct RedisSetItem(string Key, ReadOnlyMemory<byte> Value, TimeSpan? Expiry);
