using Auth.Application.Auth.Common;
using Auth.Application.Common.Interfaces;
using Auth.Domain.Common;
using Auth.Domain.Users;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Auth.Application.Auth.Login;

public sealed class LoginCommandHandler(
    IAuthDbContext db,
    IPasswordHasher passwordHasher,
    SessionStarter sessions) : IRequestHandler<LoginCommand, Result<TokenPair>>
{
    public static readonly IReadOnlyList<string> PasswordMethods = ["pwd"];

    public async Task<Result<TokenPair>> Handle(LoginCommand request, CancellationToken cancellationToken)
    {
        var normalizedEmail = EmailAddress.Normalize(request.Email);
        var user = await db.Users.SingleOrDefaultAsync(u => u.NormalizedEmail == normalizedEmail, cancellationToken);
        if (user is null)
        {
            await passwordHasher.SimulateVerifyAsync(request.Password, cancellationToken);
            return UserErrors.InvalidCredentials;
        }

        var verification = await passwordHasher.VerifyAsync(user.PasswordHash, request.Password, cancellationToken);
        if (verification == PasswordVerification.Failed)
        {
            return UserErrors.InvalidCredentials;
        }

        if (verification == PasswordVerification.SucceededRehashNeeded)
        {
            user.UpgradePasswordHash(await passwordHasher.HashAsync(request.Password, cancellationToken));
        }

        var tokens = sessions.Start(user, PasswordMethods, request.Client);
        await db.SaveChangesAsync(cancellationToken);
        return tokens;
    }
}
