using Auth.Application.Auth.Common;
using Auth.Domain.Tfa;

namespace Auth.Application.Auth.Login;

/// <summary>Either a full token pair, or — for a user with two-factor authentication — a pre-TFA token.</summary>
public sealed record LoginResult(TokenPair? Tokens, TfaRequired? Tfa)
{
    public override string ToString() => $"{nameof(LoginResult)} {{ TfaRequired = {Tfa is not null} }}";
}

public sealed record TfaRequired(string PreTfaToken, int ExpiresIn, DeviceType DeviceType, int? BackupTokensRemaining)
{
    public override string ToString() => $"{nameof(TfaRequired)} {{ DeviceType = {DeviceType} }}";
}
