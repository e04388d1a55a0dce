using Auth.Application.Audit;
using Auth.Application.Sessions;
using Auth.Application.Tfa.Common;
using Auth.Domain.Audit;
using Auth.Domain.Sessions;
using Auth.Domain.Users;

namespace Auth.Application.Accounts;

/// <summary>
/// The first proof of a never-verified mailbox, whichever link gives it (verification or password reset), in the
/// caller's unit of work. Until then anyone could have registered the address (account pre-hijacking), so what the
/// registrant set up goes: every session, the active second factor with its backup tokens and emailed codes, every
/// passkey, every remembered device and open challenge. A pending enrolment stays (it gives nothing, and confirming it
/// from a password-only session binds nothing: <c>FactorBinding</c>), so sign-up with a device still finishes.
/// </summary>
public sealed class FirstMailboxProof(TfaDeviceService devices, SessionRevoker sessions, AuditTrail audit, TimeProvider time)
{
    /// <summary>Whether this was the first proof (and what it removed is queued for the caller's commit).</summary>
    /// <param name="how">The link that proved it, as the audit records it.</param>
    public async Task<bool> ApplyAsync(User user, string how, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.IsEmailVerified)
        {
            return false;
        }

        user.VerifyEmail(time.GetUtcNow());
        await devices.RemoveEveryFactorAsync(user.Id, cancellationToken, keepEnrollment: true);
        await sessions.SignOutAsync(user, SessionRevocationReason.EmailVerified, keepSessionId: null, cancellationToken);
        audit.Success(AuditEventTypes.EmailVerified, user.Id, how);
        return true;
    }
}
