using Auth.Application.Accounts;
using Auth.Application.Common.Interfaces;
using Auth.Application.Sessions;
using Auth.Application.SignIn.Attempts;
using Auth.Domain.Audit;
using Auth.Domain.Common;
using Auth.Domain.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Auth.Application.SignIn.StepUp;

/// <summary>
/// Factor changes (enroll, regenerate backup tokens, API keys) need a fresh authentication: the caller's session began
/// at most <see cref="AccountOptions.ReauthenticationWindow"/> ago, or the current password comes with the request (a
/// counted sign-in attempt). Otherwise RFC 9470's answer: 401 with <c>insufficient_user_authentication</c> and <c>max_age</c>.
/// </summary>
public sealed class Reauthentication(
    IAuthDbContext db,
    SignInAttempts signIns,
    IOptions<AccountOptions> options,
    TimeProvider time)
{
    public async Task<Result<Success>> RequireAsync(User user, CurrentSession caller, string? password, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(caller);
        if (!string.IsNullOrEmpty(password))
        {
            return await CheckPasswordAsync(user, password, cancellationToken);
        }

        var window = options.Value.ReauthenticationWindow;
        var signedInAt = await db.Sessions.Where(s => s.Id == caller.SessionId && s.UserId == user.Id)
            .Select(s => (DateTimeOffset?)s.CreatedAt).SingleOrDefaultAsync(cancellationToken);
        return signedInAt is { } at && time.GetUtcNow() - at <= window ? Success.Instance : UserErrors.ReauthenticationRequired(window);
    }

    private async Task<Result<Success>> CheckPasswordAsync(User user, string password, CancellationToken cancellationToken)
    {
        var begun = await signIns.BeginAsync(user.NormalizedEmail, user.Id, AuditEventTypes.ReauthenticationFailed, cancellationToken);
        if (!begun.IsSuccess)
        {
            return begun.Error!;
        }

        if (await begun.Value.CheckPasswordAsync(user.PasswordHash, password, cancellationToken) == PasswordVerification.Failed)
        {
            return await begun.Value.FailAsync(UserErrors.WrongCurrentPassword, "wrong_current_password", cancellationToken);
        }

        await begun.Value.SucceedAsync(cancellationToken);
        return Success.Instance;
    }
}
