using System.Text.Json.Serialization;
using Auth.Application.Tfa.Common;
using Auth.Domain.Tfa;

namespace Auth.WebApi.Contracts;

/// <summary>A code from the authenticator app or the email (sent with the pre-TFA token, or the access token when confirming).</summary>
/// <param name="TfaToken">The six-digit code.</param>
/// <param name="RememberDevice">On login_tfa: this device skips the second factor for Tfa:RememberDeviceLifetime.</param>
public sealed record TfaCodeRequest(string? TfaToken, bool? RememberDevice = null)
{
    public override string ToString() => nameof(TfaCodeRequest);
}

public sealed record BackupTokenRequest(string? TfaBackupToken, bool? RememberDevice = null)
{
    public override string ToString() => nameof(BackupTokenRequest);
}

/// <summary><c>password</c> is needed only when the sign-in is older than Accounts:ReauthenticationWindow.</summary>
public sealed record EnableTfaRequest(DeviceType? DeviceType, string? Password = null)
{
    public override string ToString() => nameof(EnableTfaRequest);
}

/// <summary><c>password</c> is needed only when the sign-in is older than Accounts:ReauthenticationWindow.</summary>
public sealed record RegenerateBackupTokensRequest(string? TfaToken, string? Password = null)
{
    public override string ToString() => nameof(RegenerateBackupTokensRequest);
}

public sealed record DisableTfaRequest(string? Password, string? TfaToken)
{
    public override string ToString() => nameof(DisableTfaRequest);
}

/// <summary>The answer to enable_tfa: for an authenticator app, what it needs; for email, that a code was sent.</summary>
public sealed record EnrollmentResponse(
    DeviceType DeviceType,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] EnrollmentDto? Enrollment,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] bool? CodeSent)
{
    public override string ToString() => $"{nameof(EnrollmentResponse)} {{ DeviceType = {DeviceType} }}";
}

public sealed record BackupTokenCountResponse(int Remaining);
