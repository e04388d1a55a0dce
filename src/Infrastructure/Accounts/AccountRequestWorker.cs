using Auth.Application.Accounts;
using Auth.Application.Accounts.SendPasswordResetLink;
using Auth.Application.Accounts.SendVerificationLink;
using Auth.Application.Audit;
using MediatR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Auth.Infrastructure.Accounts;

/// <summary>Does the per-account work of queued requests (forgot password, resend verification), off the request path.</summary>
public sealed class AccountRequestWorker(
    AccountRequestQueue queue,
    IServiceScopeFactory scopes,
    IOptions<AccountRequestOptions> options,
    ILogger<AccountRequestWorker> logger) : BackgroundService
{
    /// <summary>Processes what is queued now and returns how many requests it handled (tests call this with the loop off).</summary>
    public async Task<int> DrainAsync(CancellationToken cancellationToken)
    {
        var handled = 0;
        while (queue.Reader.TryRead(out var request))
        {
            await ProcessAsync(request, cancellationToken);
            handled++;
        }

        return handled;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.ProcessInBackground)
        {
            return;
        }

        await foreach (var request in queue.Reader.ReadAllAsync(stoppingToken))
        {
            await ProcessAsync(request, stoppingToken);
        }
    }

    private async Task ProcessAsync(AccountRequest request, CancellationToken cancellationToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<AuditTrail>().OnBehalfOf(request.Caller);
            var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
            await (request.Kind switch
            {
                AccountRequestKind.PasswordReset => mediator.Send(new SendPasswordResetLinkCommand(request.Email), cancellationToken),
                _ => mediator.Send(new SendVerificationLinkCommand(request.Email), cancellationToken),
            });
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The address is not logged: this runs for unknown addresses too.
            logger.LogError(ex, "A queued {RequestKind} request failed", request.Kind);
        }
    }
}

/// <summary>Section <c>Accounts:Requests</c>.</summary>
public sealed class AccountRequestOptions
{
    public const string SectionName = "Accounts:Requests";

    /// <summary>Off only in tests that inspect what the request path alone wrote; they call <c>DrainAsync</c>.</summary>
    public bool ProcessInBackground { get; set; } = true;
}
