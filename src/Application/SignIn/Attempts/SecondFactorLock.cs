using Auth.Application.Accounts;
using Auth.Application.Email;
using Auth.Domain.Users;
using Microsoft.Extensions.Options;

namespace Auth.Application.SignIn.Attempts;

/// <summary>
/// Second-factor sign-in locks after too many wrong codes or backup tokens (someone may know the password). The owner is
/// emailed, and the email carries a single-use link that lifts the lock (<c>UnlockSecondFactor</c>): the mailbox
/// proves the owner, so a lock that anyone with the password can cause does not wait for an administrator.
/// </summary>
public sealed class SecondFactorLock(AccountTokens tokens, Mailer mailer, IOptions<AccountOptions> options)
{
    /// <summary>Queues the lock email with its unlock link, in the caller's unit of work.</summary>
    public async Task TellTheOwnerAsync(User user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var settings = options.Value;
        var token = await tokens.IssueAsync(user.Id, AccountTokenPurpose.SecondFactorUnlock, settings.VerificationTokenLifetime, cancellationToken);
        mailer.Queue(user.Email, EmailMessages.SecondFactorLocked(settings.PageLink("/account/unlock", token), settings.VerificationTokenLifetime));
    }
}
