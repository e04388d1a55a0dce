using Auth.Application.Accounts;
using Auth.Application.Common.Interfaces;
using Auth.Domain.Accounts;
using Auth.Domain.Common;
using MediatR;

namespace Auth.Application.Auth.ForgotPassword;

/// <summary>
/// Asks for a reset link (<c>POST /auth/forgot_password</c>). Only queued here, identically for every address, so
/// neither the answer, its timing nor what is written tells whether the account exists; see <see cref="AccountRequestQueue"/>.
/// </summary>
public sealed record ForgotPasswordCommand(string Email) : IRequest<Result<Success>>;

public sealed class ForgotPasswordCommandHandler(AccountRequestQueue queue, IRequestContext context)
    : IRequestHandler<ForgotPasswordCommand, Result<Success>>
{
    public async Task<Result<Success>> Handle(ForgotPasswordCommand request, CancellationToken cancellationToken)
    {
        await queue.EnqueueAsync(AccountRequestKind.PasswordReset, request.Email, context.Caller, cancellationToken);
        return Success.Instance;
    }
}
