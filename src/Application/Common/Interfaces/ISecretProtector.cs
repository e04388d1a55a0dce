namespace Auth.Application.Common.Interfaces;

/// <summary>A secret encrypted at rest, with the id of the key that encrypted it (so keys can rotate).</summary>
public sealed record ProtectedSecret(string KeyId, byte[] Ciphertext)
{
    public override string ToString() => $"{nameof(ProtectedSecret)} {{ KeyId = {KeyId} }}";
}

/// <summary>
/// Authenticated encryption of secrets the service must read back (TOTP seeds, outbox bodies). The
/// <c>context</c> (what the secret belongs to, e.g. <see cref="SecretContexts.TotpSecret"/>) is bound in as
/// associated data: a ciphertext copied to another row does not decrypt there.
/// </summary>
public interface ISecretProtector
{
    ProtectedSecret Protect(byte[] plaintext, string context);

    byte[] Unprotect(ProtectedSecret secret, string context);
}

/// <summary>The contexts secrets are bound to.</summary>
public static class SecretContexts
{
    public static string TotpSecret(Guid userId, Guid deviceId) => $"totp-secret:{userId:N}:{deviceId:N}";

    public static string OutboxBody(Guid messageId) => $"outbox-body:{messageId:N}";

    /// <summary>An ASP.NET Core Data Protection key (page cookies, antiforgery) as stored in the database.</summary>
    public static string DataProtectionKey(string keyId) => $"data-protection-key:{keyId}";
}
