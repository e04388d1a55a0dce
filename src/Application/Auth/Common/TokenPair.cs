namespace Auth.Application.Auth.Common;

/// <summary>What a successful sign-in or refresh hands the client. Never printed: it is all secret.</summary>
public sealed record TokenPair(string AccessToken, string RefreshToken, int ExpiresIn)
{
    public override string ToString() => $"{nameof(TokenPair)} {{ ExpiresIn = {ExpiresIn} }}";
}
