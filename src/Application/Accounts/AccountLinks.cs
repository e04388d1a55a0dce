using Auth.Application.Audit;
using Auth.Application.Auth.ForgotPassword;
using Auth.Application.Email;
using Auth.Domain.Audit;
using Auth.Domain.Users;
using Microsoft.Extensions.Options;

namespace Auth.Application.Accounts;

/// <summary>
/// Emails a user a single-use link that proves control of the mailbox, in the caller's unit of work. Links are built
/// from configuration, never from the request's Host header.
/// </summary>
public sealed class AccountLinks(
    AccountTokens tokens,
    Mailer mailer,
    AuditTrail audit,
    IOptions<AccountOptions> accounts,
    IOptions<PasswordResetOptions> passwordReset,
    TimeProvider time)
{
    public async Task SendVerificationAsync(User user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var settings = accounts.Value;
        if (await OverTheBoundAsync(user, AccountTokenPurpose.EmailVerification, cancellationToken))
        {
            return;
        }

        var token = await tokens.IssueAsync(user.Id, AccountTokenPurpose.EmailVerification, settings.VerificationTokenLifetime, cancellationToken);
        mailer.Queue(user.Email, EmailMessages.VerifyEmailLink(LinkTo(settings.VerificationLinkBase, token), settings.VerificationTokenLifetime));
        audit.Success(AuditEventTypes.EmailVerificationSent, user.Id);
    }

    public async Task SendPasswordResetAsync(User user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var settings = passwordReset.Value;
        if (await OverTheBoundAsync(user, AccountTokenPurpose.PasswordReset, cancellationToken))
        {
            return;
        }

        var token = await tokens.IssueAsync(user.Id, AccountTokenPurpose.PasswordReset, settings.TokenLifetime, cancellationToken);
        mailer.Queue(user.Email, EmailMessages.PasswordResetLink(LinkTo(settings.LinkBase, token), settings.TokenLifetime));
        audit.Success(AuditEventTypes.PasswordResetRequested, user.Id);
    }

    /// <summary>The mailbox had its hour's links of this kind: nothing is sent (the caller's answer does not change), and it is audited.</summary>
    private async Task<bool> OverTheBoundAsync(User user, AccountTokenPurpose purpose, CancellationToken cancellationToken)
    {
        var sent = await tokens.CountIssuedSinceAsync(user.Id, purpose, time.GetUtcNow() - TimeSpan.FromHours(1), cancellationToken);
        if (sent < accounts.Value.MaxLinksPerHour)
        {
            return false;
        }

        audit.Failure(AuditEventTypes.LinkSuppressed, user.Id, purpose == AccountTokenPurpose.PasswordReset ? "password_reset" : "email_verification");
        return true;
    }

    private static string LinkTo(string linkBase, string token) => $"{linkBase}?token={Uri.EscapeDataString(token)}";
}
