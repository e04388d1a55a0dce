namespace Auth.Application.SignIn.Completion;

/// <summary>What a successful sign-in or refresh hands the client. Never printed: it is all secret.</summary>
/// <param name="DeviceToken">Set when a sign-in recognised a new device: its token, handed to the client this once.</param>
/// <param name="SessionId">The session the pair belongs to (what a browser's cookie carries).</param>
/// <param name="UserId">Whose session it is.</param>
public sealed record TokenPair(
    string AccessToken, string RefreshToken, int ExpiresIn, string? DeviceToken = null, Guid SessionId = default, Guid UserId = default)
{
    public override string ToString() => $"{nameof(TokenPair)} {{ ExpiresIn = {ExpiresIn}, SessionId = {SessionId} }}";
}
