using Auth.Application.Accounts;
using Auth.Domain.Common;
using Auth.Domain.Users;
using Microsoft.Extensions.Options;

namespace Auth.Application.SignIn.Attempts;

/// <summary>
/// The one place that says whether an account may start or extend a session: password login, every second factor,
/// refresh, and every sign-in path added later ask it.
/// </summary>
public sealed class SignInPolicy(IOptions<AccountOptions> options)
{
    /// <summary>Why the account may not sign in now, or null when it may.</summary>
    public Error? Refusal(User user)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.IsDisabled)
        {
            return UserErrors.Disabled;
        }

        return options.Value.RequireVerifiedEmail && !user.IsEmailVerified ? UserErrors.EmailUnverified : null;
    }
}
