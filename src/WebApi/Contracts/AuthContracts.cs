using Microsoft.AspNetCore.Mvc;

namespace Auth.WebApi.Contracts;

// Request fields are nullable so that a missing field reaches the validators and gets a coded, per-field answer.
public sealed record SignupRequest(string? Email, string? Password, string? FullName)
{
    public override string ToString() => nameof(SignupRequest);
}

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

public sealed record TokenResponse(string AccessToken, string? RefreshToken, string TokenType, int ExpiresIn)
{
    public override string ToString() => $"{nameof(TokenResponse)} {{ TokenType = {TokenType}, ExpiresIn = {ExpiresIn} }}";
}
