using Auth.Infrastructure.Persistence;
using Auth.Infrastructure.Security.Tokens;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Auth.Infrastructure.Sessions;

/// <summary>
/// Copies revocations made on other nodes into this node's <see cref="RevokedSessionCache"/> every
/// <see cref="JwtOptions.RevocationSyncInterval"/>: one indexed query per interval instead of one per request.
/// See docs/decisions/0002-session-revocation.md.
/// </summary>
public sealed class RevokedSessionSynchronizer(
    IServiceScopeFactory scopes,
    RevokedSessionCache cache,
    IOptions<JwtOptions> options,
    TimeProvider time,
    ILogger<RevokedSessionSynchronizer> logger) : BackgroundService
{
    private DateTimeOffset? _lastSyncStartedAt;

    /// <summary>Reads the revocations since the previous pass (with an overlap for clock differences and slow commits).</summary>
    public async Task<int> SyncOnceAsync(CancellationToken cancellationToken)
    {
        var jwt = options.Value;
        var startedAt = time.GetUtcNow();
        var since = _lastSyncStartedAt is { } last
            ? last - jwt.ClockSkew - jwt.RevocationSyncInterval
            : startedAt - jwt.AccessTokenLifetime - (jwt.ClockSkew * 2);

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AuthDbContext>();
        var revoked = await db.Sessions.AsNoTracking()
            .Where(s => s.RevokedAt != null && s.RevokedAt >= since)
            .Select(s => new { s.Id, RevokedAt = s.RevokedAt!.Value })
            .ToListAsync(cancellationToken);

        foreach (var session in revoked)
        {
            cache.Add(session.Id, session.RevokedAt);
        }

        cache.Prune();
        _lastSyncStartedAt = startedAt;
        return revoked.Count;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The cadence is wall-clock time; which revocations are recent is decided by the injected clock.
        using var timer = new PeriodicTimer(options.Value.RevocationSyncInterval, TimeProvider.System);
        do
        {
            try
            {
                await SyncOnceAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Reading revoked sessions failed; will retry in {Interval}", options.Value.RevocationSyncInterval);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
