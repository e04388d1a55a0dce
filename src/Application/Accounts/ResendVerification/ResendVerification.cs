using Auth.Application.Common.Interfaces;
using Auth.Domain.Accounts;
using Auth.Domain.Common;
using MediatR;

namespace Auth.Application.Accounts.ResendVerification;

/// <summary>Asks for a new verification link (<c>POST /auth/verify_email/resend</c>): the same answer and work for any address.</summary>
public sealed record ResendVerificationCommand(string Email) : IRequest<Result<Success>>;

public sealed class ResendVerificationCommandHandler(AccountRequestQueue queue, IRequestContext context)
    : IRequestHandler<ResendVerificationCommand, Result<Success>>
{
    public async Task<Result<Success>> Handle(ResendVerificationCommand request, CancellationToken cancellationToken)
    {
        await queue.EnqueueAsync(AccountRequestKind.EmailVerification, request.Email, context.Caller, cancellationToken);
        return Success.Instance;
    }
}
