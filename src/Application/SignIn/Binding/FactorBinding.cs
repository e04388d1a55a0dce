using Auth.Application.Accounts;
using Auth.Application.Common.Interfaces;
using Auth.Application.Email;
using Auth.Application.Sessions;
using Auth.Application.SignIn.Levels;
using Auth.Domain.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Auth.Application.SignIn.Binding;

/// <summary>
/// Binds a new factor at the level it will give (NIST SP 800-63B §6.1.2): it counts for more than the password only when
/// its enrolment was made from a session that proved a bound second factor or passkey, or once the verified mailbox
/// proves the owner wanted it (the link in the email that announces it). Until then it still has to be presented, but
/// every sign-in with it is asserted as the password alone, and a passkey signs no one in on its own. So someone who
/// holds only the password can never raise their level, and the owner of a password-only account reaches
/// <c>mfa</c> and <c>phishing-resistant</c> through the mailbox.
/// </summary>
public sealed class FactorBinding(IAuthDbContext db, AccountTokens tokens, IOptions<AccountOptions> options)
{
    /// <summary>Whether the caller's session proved a bound second factor or passkey when it began.</summary>
    public async Task<bool> SessionProvesSecondFactorAsync(CurrentSession caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var methods = await db.Sessions.Where(s => s.Id == caller.SessionId && s.UserId == caller.UserId)
            .Select(s => s.AuthenticationMethods).SingleOrDefaultAsync(cancellationToken);
        return methods is not null && AuthenticationLevels.Satisfies(
            AuthenticationLevels.Of(methods.Split(' ', StringSplitOptions.RemoveEmptyEntries)), AuthenticationLevels.MultiFactor);
    }

    /// <summary>
    /// The link that binds <paramref name="factorId"/>, for the email announcing it; null when the mailbox is not verified
    /// (the first proof of the mailbox removes what was set up before it, so there is nothing to bind).
    /// </summary>
    public async Task<BindingLink?> IssueLinkAsync(User user, Guid factorId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (!user.IsEmailVerified)
        {
            return null;
        }

        var settings = options.Value;
        var lifetime = settings.VerificationTokenLifetime;
        var token = await tokens.IssueAsync(user.Id, AccountTokenPurpose.FactorBinding, lifetime, cancellationToken, factorId);
        return new BindingLink(settings.PageLink("/account/bind-factor", token), lifetime);
    }
}

/// <summary>An emailed link that binds one factor, and how long it works.</summary>
public sealed record BindingLink(string Url, TimeSpan ValidFor);
