using Auth.Domain.Email;
using Auth.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;

namespace Auth.Infrastructure.Retention;

/// <summary>
/// Deletes what no longer serves (see <see cref="RetentionOptions"/>) and erases outbox bodies whose code or link
/// has expired, so no table grows without bound and no dead secret stays at rest. Every statement is a set-based
/// delete or update, safe to run on several nodes at once.
/// </summary>
public sealed class RetentionJob(
    IServiceScopeFactory scopes,
    IOptions<RetentionOptions> options,
    TimeProvider time,
    ILogger<RetentionJob> logger) : BackgroundService
{
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var now = time.GetUtcNow();
        var count = await PruneAsync(scope.ServiceProvider.GetRequiredService<AuthDbContext>(), options.Value, now, cancellationToken);

        // The OpenID Connect provider's own rows: codes, tokens and ad-hoc authorizations that are spent, revoked or expired.
        var threshold = now - options.Value.SpentSecrets;
        count += (int)await scope.ServiceProvider.GetRequiredService<IOpenIddictTokenManager>().PruneAsync(threshold, cancellationToken);
        count += (int)await scope.ServiceProvider.GetRequiredService<IOpenIddictAuthorizationManager>().PruneAsync(threshold, cancellationToken);
        return count;
    }

    /// <returns>How many rows it deleted or erased.</returns>
    public static async Task<int> PruneAsync(AuthDbContext db, RetentionOptions settings, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(settings);
        var sessionsBefore = now - settings.EndedSessions;
        var secretsBefore = now - settings.SpentSecrets;
        var emailsBefore = now - settings.FinishedEmails;
        var idleBefore = now - settings.IdleRecords;
        var auditBefore = now.AddDays(-settings.AuditRetentionDays);

        var ended = db.Sessions.Where(s => (s.RevokedAt != null && s.RevokedAt < sessionsBefore) || s.ExpiresAt < sessionsBefore).Select(s => s.Id);
        var count = await db.RefreshTokens.Where(t => ended.Contains(t.SessionId)).ExecuteDeleteAsync(cancellationToken);
        count += await db.Sessions.Where(s => (s.RevokedAt != null && s.RevokedAt < sessionsBefore) || s.ExpiresAt < sessionsBefore)
            .ExecuteDeleteAsync(cancellationToken);
        count += await db.TfaChallenges.Where(c => c.ExpiresAt < secretsBefore).ExecuteDeleteAsync(cancellationToken);
        count += await db.PasskeyCeremonies.Where(c => c.ExpiresAt < now).ExecuteDeleteAsync(cancellationToken);
        count += await db.EmailCodes.Where(c => c.ExpiresAt < secretsBefore).ExecuteDeleteAsync(cancellationToken);
        count += await db.AccountTokens.Where(t => t.ExpiresAt < secretsBefore).ExecuteDeleteAsync(cancellationToken);
        count += await db.OutboxMessages.Where(m => m.BodyCiphertext != null && m.BodyExpiresAt != null && m.BodyExpiresAt <= now)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.BodyCiphertext, (byte[]?)null).SetProperty(m => m.BodyKeyId, (string?)null), cancellationToken);
        count += await db.OutboxMessages.Where(m => (m.Status == OutboxStatus.Sent && m.SentAt < emailsBefore)
                || (m.Status == OutboxStatus.Dead && m.CreatedAt < emailsBefore))
            .ExecuteDeleteAsync(cancellationToken);
        count += await db.SignInThrottles.Where(t => t.ConsecutiveFailures == 0
                || (t.LastAttemptAt < idleBefore && (t.ThrottledUntil == null || t.ThrottledUntil < now)))
            .ExecuteDeleteAsync(cancellationToken);
        count += await db.KnownDevices.Where(d => d.LastUsedAt < idleBefore && (d.RememberedUntil == null || d.RememberedUntil < now))
            .ExecuteDeleteAsync(cancellationToken);
        count += await db.AuditEvents.Where(e => e.OccurredAt < auditBefore).ExecuteDeleteAsync(cancellationToken);
        return count;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The cadence is wall-clock time; what is old is decided by the injected clock.
        using var timer = new PeriodicTimer(options.Value.Interval, TimeProvider.System);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var pruned = await RunOnceAsync(stoppingToken);
                logger.LogInformation("Retention removed or erased {RowCount} rows", pruned);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Retention pass failed; will retry in {Interval}", options.Value.Interval);
            }
        }
    }
}
