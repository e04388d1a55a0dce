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
    IOptions<PasswordResetOptions> passwordReset)
{
    public async Task SendVerificationAsync(User user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var settings = accounts.Value;
        var token = await tokens.IssueAsync(user.Id, AccountTokenPurpose.EmailVerification, settings.VerificationTokenLifetime, cancellationToken);
        mailer.Queue(user.Email, EmailMessages.VerifyEmailLink(LinkTo(settings.VerificationLinkBase, token), settings.VerificationTokenLifetime));
        audit.Success(AuditEventTypes.EmailVerificationSent, user.Id);
    }

    public async Task SendPasswordResetAsync(User user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var settings = passwordReset.Value;
        var token = await tokens.IssueAsync(user.Id, AccountTokenPurpose.PasswordReset, settings.TokenLifetime, cancellationToken);
        mailer.Queue(user.Email, EmailMessages.PasswordResetLink(LinkTo(settings.LinkBase, token), settings.TokenLifetime));
        audit.Success(AuditEventTypes.PasswordResetRequested, user.Id);
    }

    private static string LinkTo(string linkBase, string token) => $"{linkBase}?token={Uri.EscapeDataString(token)}";
}
