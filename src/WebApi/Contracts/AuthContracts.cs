using System.Text.Json.Serialization;
using Auth.Application.SignIn.Completion;
using Auth.Application.Tfa.Common;
using Auth.Application.Users;
using Auth.Domain.Tfa;
using Microsoft.AspNetCore.Mvc;

namespace Auth.WebApi.Contracts;

// Request fields are nullable so that a missing field reaches the validators and gets a coded, per-field answer.
public sealed record SignupRequest(string? Email, string? Password, string? FullName, bool TfaEnabled = false, DeviceRequest? Device = null)
{
    public override string ToString() => nameof(SignupRequest);
}

public sealed record DeviceRequest(DeviceType? DeviceType);

public sealed record LoginRequest(string? Email, string? Password)
{
    public override string ToString() => nameof(LoginRequest);
}

/// <summary>The OAuth2 "password" grant form, as the reference service and Swagger UI's Authorize dialog send it.</summary>
public sealed class OAuth2PasswordForm
{
    [FromForm(Name = "username")]
    public string? Username { get; set; }

    [FromForm(Name = "password")]
    public string? Password { get; set; }

    public override string ToString() => nameof(OAuth2PasswordForm);
}

public sealed record RefreshRequest(string? RefreshToken)
{
    public override string ToString() => nameof(RefreshRequest);
}

public sealed record ChangePasswordRequest(string? CurrentPassword, string? NewPassword)
{
    public override string ToString() => nameof(ChangePasswordRequest);
}

/// <summary>
/// A token answer. After a password-only login of a TFA user (202), <c>access_token</c> is the pre-TFA token,
/// <c>refresh_token</c> is null and <c>tfa_required</c> is true.
/// </summary>
public sealed record TokenResponse(string AccessToken, string? RefreshToken, string TokenType, int ExpiresIn)
{
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? TfaRequired { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DeviceType? DeviceType { get; init; }

    /// <summary>Set when the sign-in recognised a new device: send it back as <c>X-Device-Token</c> (browsers get a cookie).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? DeviceToken { get; init; }

    /// <summary>Present when few unused backup tokens remain (3 or fewer by default).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? BackupTokensRemaining { get; init; }

    public override string ToString() => $"{nameof(TokenResponse)} {{ TokenType = {TokenType}, ExpiresIn = {ExpiresIn} }}";

    public static TokenResponse From(TokenPair tokens)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        return new(tokens.AccessToken, tokens.RefreshToken, "bearer", tokens.ExpiresIn) { DeviceToken = tokens.DeviceToken };
    }
}

/// <summary>
/// The 201 sign-up answer: the user, and with a device chosen at sign-up its pending enrollment (for an authenticator
/// app, the secret, shown while the enrollment is pending). Backup tokens come with <c>confirm_tfa</c>.
/// </summary>
public sealed record SignupResponse(
    Guid Id,
    string Email,
    bool EmailVerified,
    string FullName,
    bool TfaEnabled,
    DateTimeOffset CreatedAt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] EnrollmentDto? Enrollment)
{
    public static SignupResponse From(UserDto user, EnrollmentDto? enrollment)
    {
        ArgumentNullException.ThrowIfNull(user);
        return new(user.Id, user.Email, user.EmailVerified, user.FullName, user.TfaEnabled, user.CreatedAt, enrollment);
    }

    public override string ToString() => $"{nameof(SignupResponse)} {{ Id = {Id} }}";
}

public sealed record ForgotPasswordRequest(string? Email);

public sealed record VerifyEmailRequest(string? Token)
{
    public override string ToString() => nameof(VerifyEmailRequest);
}

/// <summary>A single-use token from an emailed link (binding a factor, lifting a second-factor lock).</summary>
public sealed record LinkTokenRequest(string? Token)
{
    public override string ToString() => nameof(LinkTokenRequest);
}

public sealed record ResetPasswordRequest(string? Token, string? NewPassword)
{
    public override string ToString() => nameof(ResetPasswordRequest);
}

public sealed record AcceptedResponse(string Detail);
