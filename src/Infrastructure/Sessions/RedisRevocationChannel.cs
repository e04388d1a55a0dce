using System.Globalization;
using Auth.Application.Common.Interfaces;
using Auth.Infrastructure.Redis;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Auth.Infrastructure.Sessions;

/// <summary>
/// Carries revocations between nodes over a Redis channel: every revocation a node commits is published (after the
/// commit, by <see cref="PublishSessionRevocationsInterceptor"/>) and every node adds what it hears to its
/// <see cref="IRevokedSessionCache"/>, so a signed-out access token is refused everywhere within a round trip. A message
/// lost while Redis is away is still picked up by <see cref="RevokedSessionSynchronizer"/> from the database.
/// </summary>
public sealed class RedisRevocationChannel(
    IConnectionMultiplexer redis,
    IRevokedSessionCache cache,
    IOptions<RedisOptions> options,
    ILogger<RedisRevocationChannel> logger) : ISessionRevocationBroadcast, IHostedService
{
    private RedisChannel Channel => RedisChannel.Literal(options.Value.KeyPrefix + "sessions:revoked");

    public void Publish(IReadOnlyList<(Guid SessionId, DateTimeOffset RevokedAt)> revoked)
    {
        foreach (var (sessionId, revokedAt) in revoked)
        {
            // Fire and forget: a request does not wait on Redis, and the database copy is the one that counts.
            redis.GetSubscriber().Publish(Channel, Format(sessionId, revokedAt), CommandFlags.FireAndForget);
        }
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var queue = await redis.GetSubscriber().SubscribeAsync(Channel);
        queue.OnMessage(message =>
        {
            if (TryParse(message.Message, out var sessionId, out var revokedAt))
            {
                cache.Add(sessionId, revokedAt);
            }
            else
            {
                logger.LogWarning("Ignored a malformed message on the revocation channel");
            }
        });
    }

    public Task StopAsync(CancellationToken cancellationToken) => redis.GetSubscriber().UnsubscribeAsync(Channel);

    public static string Format(Guid sessionId, DateTimeOffset revokedAt) =>
        string.Create(CultureInfo.InvariantCulture, $"{sessionId:N} {revokedAt.ToUnixTimeMilliseconds()}");

    public static bool TryParse(string? message, out Guid sessionId, out DateTimeOffset revokedAt)
    {
        sessionId = Guid.Empty;
        revokedAt = default;
        var parts = message?.Split(' ');
        if (parts is not [var id, var at]
            || !Guid.TryParseExact(id, "N", out sessionId)
            || !long.TryParse(at, NumberStyles.None, CultureInfo.InvariantCulture, out var unixMs))
        {
            return false;
        }

        revokedAt = DateTimeOffset.FromUnixTimeMilliseconds(unixMs);
        return true;
    }
}

/// <summary>Tells the other nodes about revocations this node committed (Redis pub/sub when configured, else nothing).</summary>
public interface ISessionRevocationBroadcast
{
    void Publish(IReadOnlyList<(Guid SessionId, DateTimeOffset RevokedAt)> revoked);
}

/// <summary>No Redis: the other nodes read revocations from the database every <c>Jwt:RevocationSyncInterval</c>.</summary>
public sealed class NoRevocationBroadcast : ISessionRevocationBroadcast
{
    public void Publish(IReadOnlyList<(Guid SessionId, DateTimeOffset RevokedAt)> revoked)
    {
    }
}
