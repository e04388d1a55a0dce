namespace Auth.Application.Common.Interfaces;

/// <summary>A keyed hash (HMAC) of a low-entropy secret, with the id of the key used.</summary>
public sealed record KeyedHash(string KeyId, byte[] Hash)
{
    public override string ToString() => $"{nameof(KeyedHash)} {{ KeyId = {KeyId} }}";
}

/// <summary>
/// Hashes short secrets (emailed codes, backup tokens) under a server-side key, so a stolen database alone does not
/// let anyone brute-force them, and compares in constant time.
/// </summary>
public interface ISecretHasher
{
    KeyedHash Hash(string value);

    bool Matches(KeyedHash stored, string value);
}
