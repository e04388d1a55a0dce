namespace Auth.Application.Common.Interfaces;

/// <summary>A secret encrypted at rest, with the id of the key that encrypted it (so keys can rotate).</summary>
public sealed record ProtectedSecret(string KeyId, byte[] Ciphertext)
{
    public override string ToString() => $"{nameof(ProtectedSecret)} {{ KeyId = {KeyId} }}";
}

/// <summary>Authenticated encryption of secrets the service must read back (TOTP seeds).</summary>
public interface ISecretProtector
{
    ProtectedSecret Protect(byte[] plaintext);

    byte[] Unprotect(ProtectedSecret secret);
}
