namespace Auth.Infrastructure.Redis;

/// <summary>
/// Optional Redis (<c>Redis:Configuration</c>, a StackExchange.Redis configuration string such as
/// <c>redis.internal:6379,password=…,ssl=true</c>). With it, per-IP rate limits are counted once for every node and a
/// revocation reaches every node at once; without it each node limits alone and learns other nodes' revocations within
/// <c>Jwt:RevocationSyncInterval</c>. Redis only accelerates: nothing is lost when it is down, the nodes fall back to
/// exactly that behaviour until it is back.
/// </summary>
public sealed class RedisOptions
{
    public const string SectionName = "Redis";

    public string? Configuration { get; set; }

    /// <summary>Prefix of every key and channel, so several deployments can share one Redis.</summary>
    public string KeyPrefix { get; set; } = "auth:";

    public bool Enabled => !string.IsNullOrWhiteSpace(Configuration);
}
