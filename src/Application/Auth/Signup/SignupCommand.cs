using Auth.Application.Tfa.Common;
using Auth.Application.Users;
using Auth.Domain.Common;
using Auth.Domain.Tfa;
using MediatR;

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
