
namespace Auth.Application.SignIn.Completion;

/// <summary>A completed two-step sign-in: the finished sign-in, and the backup-token count when it is getting low.</summary>
public sealed record TfaLoginResult(CompletedSignIn SignedIn, int? BackupTokensRemaining)
{
    public override string ToString() => nameof(TfaLoginResult);
}
