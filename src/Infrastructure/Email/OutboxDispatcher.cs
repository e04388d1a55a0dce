using Auth.Application.Common.Metrics;
using Auth.Application.Email;
using Auth.Domain.Email;
using Auth.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Auth.Infrastructure.Email;

/// <summary>
/// Delivers outbox messages: claims each due message (so two nodes do not both send it), sends it, and records
/// the outcome — sent, a retry after exponential backoff, or dead after <see cref="EmailOptions.MaxAttempts"/>.
/// Delivery is at least once: a node that dies mid-send leaves the claim to expire and the message is retried.
/// </summary>
public sealed class OutboxDispatcher(
    IServiceScopeFactory scopes,
    IEmailTransport transport,
    OutboxBodies bodies,
    IOptions<EmailOptions> options,
    TimeProvider time,
    ILogger<OutboxDispatcher> logger) : BackgroundService
{
    /// <summary>One pass over the due messages; returns how many were sent.</summary>
    public async Task<int> DispatchOnceAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AuthDbContext>();
        var now = time.GetUtcNow();
        var due = await db.OutboxMessages
            .Where(m => (m.Status == OutboxStatus.Pending || m.Status == OutboxStatus.Retrying)
                && m.NextAttemptAt <= now && (m.ClaimedUntil == null || m.ClaimedUntil <= now))
            .OrderBy(m => m.NextAttemptAt)
            .Take(settings.BatchSize)
            .ToListAsync(cancellationToken);

        var sent = 0;
        foreach (var message in due)
        {
            if (message.BodyExpiresAt <= now || !message.HasBody)
            {
                message.Expire(now);
                await db.SaveChangesAsync(cancellationToken);
                continue;
            }

            message.Claim(now, settings.ClaimLease);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
            }
            catch (DbUpdateConcurrencyException)
            {
                db.Entry(message).State = EntityState.Detached;
                continue;
            }

            using var span = AuthMetrics.Tracing.StartActivity("email.send");
            span?.SetTag("auth.outbox_message_id", message.Id);
            try
            {
                await transport.SendAsync(ToMime(message, bodies.Open(message)!, settings.From), cancellationToken);
                message.MarkSent(time.GetUtcNow(), settings.KeepDeliveredBodies);
                sent++;
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                message.MarkFailed($"{ex.GetType().Name}: {ex.Message}", time.GetUtcNow(), settings.MaxAttempts, settings.RetryBaseDelay, settings.RetryMaxDelay);
                logger.LogWarning("Email {OutboxMessageId} failed (attempt {Attempts}, now {Status}): {ErrorType}",
                    message.Id, message.Attempts, message.Status, ex.GetType().Name);
            }

            await db.SaveChangesAsync(cancellationToken);
        }

        return sent;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.DispatcherEnabled)
        {
            return;
        }

        // The cadence is wall-clock time; what is due is decided by the injected clock.
        using var timer = new PeriodicTimer(options.Value.DispatchInterval, TimeProvider.System);
        do
        {
            try
            {
                await DispatchOnceAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Email dispatch pass failed; will retry");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private static MimeMessage ToMime(OutboxMessage message, string body, string from)
    {
        var mime = new MimeMessage
        {
            Subject = message.Subject,
            Date = message.CreatedAt,
            MessageId = $"{message.Id:N}@auth",
            Body = new TextPart("plain") { Text = body },
        };
        mime.From.Add(MailboxAddress.Parse(from));
        mime.To.Add(MailboxAddress.Parse(message.To));
        return mime;
    }
}
