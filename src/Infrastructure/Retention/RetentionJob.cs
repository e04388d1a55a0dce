using System.Diagnostics;
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
/// delete or update of at most <see cref="RetentionOptions.BatchSize"/> rows in its own short transaction, safe to
/// run on several nodes at once.
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
        var count = await PruneAsync(scope.ServiceProvider.GetRequiredService<AuthDbContext>(), options.Value, now, cancellationToken, Report);

        // The OpenID Connect provider's own rows: codes, tokens and ad-hoc authorizations that are spent, revoked or expired.
        var threshold = now - options.Value.SpentSecrets;
        count += (int)await scope.ServiceProvider.GetRequiredService<IOpenIddictTokenManager>().PruneAsync(threshold, cancellationToken);
        count += (int)await scope.ServiceProvider.GetRequiredService<IOpenIddictAuthorizationManager>().PruneAsync(threshold, cancellationToken);
        return count;
    }

    /// <summary>A line per table that had rows to remove: an operator sees a backlog being worked off.</summary>
    private void Report(string table, int rows) => logger.LogInformation("Retention removed or erased {RowCount} rows of {Table}", rows, table);

    /// <param name="report">Told each table's count once it is done, when the count is not zero.</param>
    /// <returns>How many rows it deleted or erased.</returns>
    public static async Task<int> PruneAsync(
        AuthDbContext db, RetentionOptions settings, DateTimeOffset now, CancellationToken cancellationToken, Action<string, int>? report = null)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(settings);
        var sessionsBefore = now - settings.EndedSessions;
        var secretsBefore = now - settings.SpentSecrets;
        var emailsBefore = now - settings.FinishedEmails;
        var idleBefore = now - settings.IdleRecords;
        var auditBefore = now.AddDays(-settings.AuditRetentionDays);
        var batch = Math.Max(1, settings.BatchSize);

        // Wall-clock pacing after a full batch (it decides nothing): other writers get the lock, and sign-ins the cores,
        // for at least as long as the batch held them.
        Task Pause(long started)
        {
            var took = Stopwatch.GetElapsedTime(started);
            return Task.Delay(took > settings.BatchPause ? took : settings.BatchPause, cancellationToken);
        }

        void Reported(string table, int rows)
        {
            if (rows > 0)
            {
                report?.Invoke(table, rows);
            }
        }

        // Each statement removes at most one batch and commits; the loop repeats it until a batch comes back short.
        async Task<int> Repeated(Func<int, Task<int>> once)
        {
            var total = 0;
            while (true)
            {
                var started = Stopwatch.GetTimestamp();
                var done = await once(batch);
                total += done;
                if (done < batch)
                {
                    return total;
                }

                await Pause(started);
            }
        }

        async Task<int> InBatches(string table, Func<int, Task<int>> once)
        {
            var total = await Repeated(once);
            Reported(table, total);
            return total;
        }

        // Ended sessions a batch at a time, each batch's refresh tokens first: the batch's ids are read by index, so no
        // statement matches the tokens against every ended session (which, over a backlog, held SQLite's one write lock
        // for a fifth of a second per batch).
        var ended = db.Sessions.Where(s => (s.RevokedAt != null && s.RevokedAt < sessionsBefore) || s.ExpiresAt < sessionsBefore);
        var (tokens, sessions) = (0, 0);
        while (true)
        {
            var started = Stopwatch.GetTimestamp();
            var ids = await ended.Select(s => s.Id).Take(batch).ToListAsync(cancellationToken);
            if (ids.Count == 0)
            {
                break;
            }

            // One array parameter, whatever the batch size (SQL Server takes at most 2,100 parameters).
            tokens += await Repeated(n => db.RefreshTokens.Where(t => EF.Parameter(ids).Contains(t.SessionId)).Take(n).ExecuteDeleteAsync(cancellationToken));
            sessions += await db.Sessions.Where(s => EF.Parameter(ids).Contains(s.Id)).ExecuteDeleteAsync(cancellationToken);
            if (ids.Count < batch)
            {
                break;
            }

            await Pause(started);
        }

        Reported("RefreshTokens", tokens);
        Reported("Sessions", sessions);
        var count = tokens + sessions;
        count += await InBatches("TfaChallenges", n => db.TfaChallenges.Where(c => c.ExpiresAt < secretsBefore).Take(n).ExecuteDeleteAsync(cancellationToken));
        count += await InBatches("PasskeyCeremonies", n => db.PasskeyCeremonies.Where(c => c.ExpiresAt < now).Take(n).ExecuteDeleteAsync(cancellationToken));
        count += await InBatches("EmailCodes", n => db.EmailCodes.Where(c => c.ExpiresAt < secretsBefore).Take(n).ExecuteDeleteAsync(cancellationToken));
        count += await InBatches("AccountTokens", n => db.AccountTokens.Where(t => t.ExpiresAt < secretsBefore).Take(n).ExecuteDeleteAsync(cancellationToken));
        count += await InBatches("OutboxMessages (bodies)", n => db.OutboxMessages.Where(m => m.BodyCiphertext != null && m.BodyExpiresAt != null && m.BodyExpiresAt <= now).Take(n)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.BodyCiphertext, (byte[]?)null).SetProperty(m => m.BodyKeyId, (string?)null), cancellationToken));
        count += await InBatches("OutboxMessages", n => db.OutboxMessages.Where(m => (m.Status == OutboxStatus.Sent && m.SentAt < emailsBefore)
                || (m.Status == OutboxStatus.Dead && m.CreatedAt < emailsBefore))
            .Take(n).ExecuteDeleteAsync(cancellationToken));
        count += await InBatches("SignInThrottles", n => db.SignInThrottles.Where(t => t.ConsecutiveFailures == 0
                || (t.LastAttemptAt < idleBefore && (t.ThrottledUntil == null || t.ThrottledUntil < now)))
            .Take(n).ExecuteDeleteAsync(cancellationToken));
        count += await InBatches("KnownDevices", n => db.KnownDevices.Where(d => d.LastUsedAt < idleBefore && (d.RememberedUntil == null || d.RememberedUntil < now))
            .Take(n).ExecuteDeleteAsync(cancellationToken));
        count += await InBatches("AuditEvents", n => db.AuditEvents.Where(e => e.OccurredAt < auditBefore).Take(n).ExecuteDeleteAsync(cancellationToken));
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
                var began = System.Diagnostics.Stopwatch.GetTimestamp();
                var pruned = await RunOnceAsync(stoppingToken);
                logger.LogInformation("Retention pass done: removed or erased {RowCount} rows in {Seconds:0.0} s",
                    pruned, System.Diagnostics.Stopwatch.GetElapsedTime(began).TotalSeconds);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Retention pass failed; will retry in {Interval}", options.Value.Interval);
            }
        }
    }
}
