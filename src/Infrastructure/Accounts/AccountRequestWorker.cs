using Auth.Application.Accounts.SendPasswordResetLink;
using Auth.Application.Accounts.SendVerificationLink;
using Auth.Application.Audit;
using Auth.Application.Common.Models;
using Auth.Domain.Accounts;
using Auth.Infrastructure.Persistence;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Auth.Infrastructure.Accounts;

/// <summary>
/// Does the per-account work of queued requests (forgot password, resend verification), off the request path, on
/// every node. A node claims a request with one conditional UPDATE (a lease of <see cref="AccountRequestOptions.Lease"/>),
/// and deletes it in the same commit as the link it emails: if the node dies, the lease runs out and another node
/// takes it; if two nodes hold it in turn, the second commit finds the row changed and keeps nothing, so a link is sent
/// once.
/// </summary>
public sealed class AccountRequestWorker(
    IServiceScopeFactory scopes,
    IOptions<AccountRequestOptions> options,
    TimeProvider time,
    ILogger<AccountRequestWorker> logger) : BackgroundService
{
    private const int BatchSize = 20;

    /// <summary>Processes every request due now and returns how many it handled (tests call this with the loop off).</summary>
    public async Task<int> DrainAsync(CancellationToken cancellationToken)
    {
        var handled = 0;
        int batch;
        do
        {
            batch = await ProcessDueAsync(cancellationToken);
            handled += batch;
        }
        while (batch > 0);

        return handled;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.ProcessInBackground)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await ProcessDueAsync(stoppingToken) == 0)
                {
                    await Task.Delay(options.Value.PollInterval, stoppingToken);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Queued account requests could not be read");
                await Task.Delay(options.Value.PollInterval, stoppingToken);
            }
        }
    }

    /// <summary>Claims and processes up to one batch of due requests; how many it claimed.</summary>
    private async Task<int> ProcessDueAsync(CancellationToken cancellationToken)
    {
        List<Guid> due;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var now = time.GetUtcNow();
            due = await scope.ServiceProvider.GetRequiredService<AuthDbContext>().AccountRequests
                .Where(r => r.ClaimedUntil == null || r.ClaimedUntil < now)
                .OrderBy(r => r.CreatedAt).Select(r => r.Id).Take(BatchSize).ToListAsync(cancellationToken);
        }

        var claimed = 0;
        foreach (var id in due)
        {
            claimed += await TryProcessAsync(id, cancellationToken) ? 1 : 0;
        }

        return claimed;
    }

    private async Task<bool> TryProcessAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AuthDbContext>();
        var now = time.GetUtcNow();
        var until = now + options.Value.Lease;
        var taken = await db.AccountRequests.Where(r => r.Id == id && (r.ClaimedUntil == null || r.ClaimedUntil < now))
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.ClaimedUntil, until).SetProperty(r => r.Attempts, r => r.Attempts + 1), cancellationToken);
        var request = taken == 0 ? null : await db.AccountRequests.SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (request is null)
        {
            return false;
        }

        // Deleted with whatever the command commits (or on its own when there is no such account).
        db.AccountRequests.Remove(request);
        try
        {
            if (request.Attempts <= QueuedAccountRequest.MaxAttempts)
            {
                scope.ServiceProvider.GetRequiredService<AuditTrail>().OnBehalfOf(new CallerContext(request.CallerUserAgent, request.CallerIp));
                var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
                await (request.Kind switch
                {
                    AccountRequestKind.PasswordReset => mediator.Send(new SendPasswordResetLinkCommand(request.Email), cancellationToken),
                    _ => mediator.Send(new SendVerificationLinkCommand(request.Email), cancellationToken),
                });
            }
            else
            {
                logger.LogWarning("A queued {RequestKind} request was dropped after {Attempts} attempts", request.Kind, QueuedAccountRequest.MaxAttempts);
            }

            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            // Another node took it after this one's lease ran out, and finished first: nothing of this attempt is kept.
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The address is not logged: this runs for unknown addresses too. The lease runs out and it is tried again.
            logger.LogError(ex, "A queued {RequestKind} request failed", request.Kind);
        }

        return true;
    }
}

/// <summary>Section <c>Accounts:Requests</c>.</summary>
public sealed class AccountRequestOptions
{
    public const string SectionName = "Accounts:Requests";

    /// <summary>Off only in tests that inspect what the request path alone wrote; they call <c>DrainAsync</c>.</summary>
    public bool ProcessInBackground { get; set; } = true;

    /// <summary>How often an idle worker looks for queued requests.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a node holds a request it claimed before another node may take it.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(1);
}
