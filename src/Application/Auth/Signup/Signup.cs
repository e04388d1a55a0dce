using Auth.Application.Accounts;
using Auth.Application.Common.Interfaces;
using Auth.Application.Tfa.Common;
using Auth.Application.Users;
using Auth.Domain.Common;
using Auth.Domain.Tfa;
using Auth.Domain.Users;
using MediatR;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Auth.Application.Auth.Signup;

/// <param name="DeviceType">With a value, this device is enrolled: it becomes active once its first code is confirmed.</param>
/// <param name="EmailVerified">Only for an operator creating an account (the admin command line), who vouches for the address.</param>
public sealed record SignupCommand(
    string Email,
    string Password,
    string FullName,
    bool TfaEnabled = false,
    DeviceType? DeviceType = null,
    bool EmailVerified = false) : IRequest<Result<SignupResult>>
{
    public override string ToString() => nameof(SignupCommand);
}

/// <param name="MustVerifyBeforeSignIn">Whether this account can sign in only once its address is confirmed.</param>
public sealed record SignupResult(UserDto User, EnrollmentResult? Enrollment, bool MustVerifyBeforeSignIn = false)
{
    public override string ToString() => $"{nameof(SignupResult)} {{ UserId = {User.Id} }}";
}

/// <summary>
/// Creates the account. Nothing the registrant sets up is trusted before the mailbox is proven: the email is
/// unverified (a link is sent), and a second factor chosen here is only enrolled, pending like <c>enable_tfa</c>,
/// until its first code is confirmed (<c>confirm_tfa</c>, which also issues the backup tokens).
/// </summary>
public sealed class SignupCommandHandler(
    IAuthDbContext db,
    IPasswordHasher passwordHasher,
    TfaDeviceService devices,
    EmailCodeService emailCodes,
    AccountLinks links,
    IOptions<AccountOptions> accounts,
    TimeProvider time) : IRequestHandler<SignupCommand, Result<SignupResult>>
{
    public async Task<Result<SignupResult>> Handle(SignupCommand request, CancellationToken cancellationToken)
    {
        var email = EmailAddress.Create(request.Email);
        if (await db.Users.AnyAsync(u => u.NormalizedEmail == email.Normalized, cancellationToken))
        {
            return UserErrors.EmailAlreadyRegistered;
        }

        var hash = await passwordHasher.HashAsync(request.Password, cancellationToken);
        var now = time.GetUtcNow();
        var user = User.Register(email, request.FullName, hash, now);
        db.Users.Add(user);
        if (request.EmailVerified)
        {
            user.VerifyEmail(now);
        }
        else
        {
            await links.SendVerificationAsync(user, cancellationToken);
        }

        EnrollmentResult? enrollment = null;
        if (request.TfaEnabled && request.DeviceType is { } type)
        {
            var (device, result) = await devices.EnrollAsync(user, type, cancellationToken);
            if (type == DeviceType.Email)
            {
                await emailCodes.IssueAsync(user, EmailCodePurpose.Enrollment, device.Id, cancellationToken);
            }

            enrollment = result;
        }

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

        return new SignupResult(UserDto.From(user, tfaEnabled: false), enrollment, accounts.Value.RequireVerifiedEmail && !user.IsEmailVerified);
    }
}
