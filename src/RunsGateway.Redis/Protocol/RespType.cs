namespace RunsGateway.Redis.Protocol;

/// <summary>The RESP2/RESP3 reply types, named after the RESP3 specification.</summary>
internal enum RespType : byte
{
    SimpleString,
    SimpleError,
    Integer,
    BulkString,
    Array,
    Null,
    Boolean,
    Double,
    BigNumber,
    BulkError,
    VerbatimString,
    Map,
    Set,
    Push,
}
