using Auth.Application.Common.Interfaces;
using Auth.Application.Users;
using Auth.Domain.Common;
using Auth.Domain.Users;
using AutoMapper;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Auth.Application.Auth.Signup;

public sealed class SignupCommandHandler(
    IAuthDbContext db,
    IPasswordHasher passwordHasher,
    IMapper mapper,
    TimeProvider time) : IRequestHandler<SignupCommand, Result<UserDto>>
{
    public async Task<Result<UserDto>> Handle(SignupCommand request, CancellationToken cancellationToken)
    {
        var email = EmailAddress.Create(request.Email);
        if (await db.Users.AnyAsync(u => u.NormalizedEmail == email.Normalized, cancellationToken))
        {
            return UserErrors.EmailAlreadyRegistered;
        }

        var hash = await passwordHasher.HashAsync(request.Password, cancellationToken);
        var user = User.Register(email, request.FullName, hash, time.GetUtcNow());
        db.Users.Add(user);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // A parallel sign-up with the same email may have won the unique index; anything else is a real fault.
            if (await db.Users.AsNoTracking().AnyAsync(u => u.NormalizedEmail == email.Normalized, cancellationToken))
            {
                return UserErrors.EmailAlreadyRegistered;
            }

            throw;
        }

        return mapper.Map<UserDto>(user);
    }
}
