using Auth.Application.Audit;
using Auth.Application.Common.Interfaces;
using Auth.Application.Email;
using Auth.Application.Tfa.Common;
using Auth.Application.Users;
using Auth.Domain.Audit;
using Auth.Domain.Common;
using Auth.Domain.Tfa;
using Auth.Domain.Users;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Auth.Application.Auth.Signup;

/// <param name="DeviceType">With a value, two-factor authentication is on from the start with this device.</param>
/// <param name="BackupTokensByEmail">The client takes the QR code as the response body, so the tokens go by email.</param>
public sealed record SignupCommand(
    string Email,
    string Password,
    string FullName,
    bool TfaEnabled = false,
    DeviceType? DeviceType = null,
    bool BackupTokensByEmail = false) : IRequest<Result<SignupResult>>
{
    public override string ToString() => nameof(SignupCommand);
}

public sealed record SignupResult(UserDto User, EnrollmentResult? Enrollment, IReadOnlyList<string>? BackupTokens)
{
    public override string ToString() => $"{nameof(SignupResult)} {{ UserId = {User.Id} }}";
}

public sealed class SignupCommandHandler(
    IAuthDbContext db,
    IPasswordHasher passwordHasher,
    TfaDeviceService devices,
    BackupTokenService backupTokens,
    Mailer mailer,
    AuditTrail audit,
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

        EnrollmentResult? enrollment = null;
        IReadOnlyList<string>? tokens = null;
        if (request.TfaEnabled && request.DeviceType is { } type)
        {
            // At sign-up the device is trusted at once (the reference service's behaviour); later enrollments are confirmed.
            var (device, result) = await devices.EnrollAsync(user, type, cancellationToken);
            device.Activate(now);
            enrollment = result;
            audit.Success(AuditEventTypes.TfaEnabled, user.Id, type == Domain.Tfa.DeviceType.Email ? "email" : "code_generator");
            tokens = await backupTokens.IssueNewSetAsync(user.Id, cancellationToken);
            if (request.BackupTokensByEmail)
            {
                mailer.Queue(user.Email, EmailMessages.BackupTokensIssued(tokens));
                tokens = null;
            }
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

        return new SignupResult(UserDto.From(user, tfaEnabled: enrollment is not null), enrollment, tokens);
    }
}
