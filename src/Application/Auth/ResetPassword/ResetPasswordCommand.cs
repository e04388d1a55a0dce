using Auth.Domain.Common;
using MediatR;

namespace Auth.Application.Auth.ResetPassword;

/// <summary>Sets a new password with a reset token. It signs every session out and does not sign in.</summary>
public sealed record ResetPasswordCommand(string Token, string NewPassword) : IRequest<Result<Success>>
{
    public override string ToString() => nameof(ResetPasswordCommand);
}
