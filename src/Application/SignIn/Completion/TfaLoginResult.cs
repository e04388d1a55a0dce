
namespace Auth.Application.SignIn.Completion;

/// <summary>A completed two-step login: the token pair, and the backup-token count when it is getting low.</summary>
public sealed record TfaLoginResult(TokenPair Tokens, int? BackupTokensRemaining)
{
    public override string ToString() => nameof(TfaLoginResult);
}
