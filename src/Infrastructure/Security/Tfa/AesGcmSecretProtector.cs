using System.Security.Cryptography;
using System.Text;
using Auth.Application.Common.Interfaces;

namespace Auth.Infrastructure.Security.Tfa;

/// <summary>AES-256-GCM: <c>nonce (12) ‖ ciphertext ‖ tag (16)</c>, the context and key id bound in as associated data.</summary>
public sealed class AesGcmSecretProtector(TfaKeyRing keys) : ISecretProtector
{
    private const int NonceBytes = 12;
    private const int TagBytes = 16;

    public ProtectedSecret Protect(byte[] plaintext, string context)
    {
        ArgumentNullException.ThrowIfNull(plaintext);
        var keyId = keys.CurrentKeyId;
        var output = new byte[NonceBytes + plaintext.Length + TagBytes];
        var nonce = output.AsSpan(0, NonceBytes);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(keys.EncryptionKey(keyId)!, TagBytes);
        aes.Encrypt(nonce, plaintext, output.AsSpan(NonceBytes, plaintext.Length), output.AsSpan(NonceBytes + plaintext.Length), Aad(context, keyId));
        return new ProtectedSecret(keyId, output);
    }

    public byte[] Unprotect(ProtectedSecret secret, string context)
    {
        ArgumentNullException.ThrowIfNull(secret);
        var key = keys.EncryptionKey(secret.KeyId)
            ?? throw new CryptographicException($"TFA secret key '{secret.KeyId}' is not configured (was it removed from Tfa:SecretKeys?).");
        var data = secret.Ciphertext;
        if (data.Length < NonceBytes + TagBytes)
        {
            throw new CryptographicException("The protected secret is truncated.");
        }

        var plaintext = new byte[data.Length - NonceBytes - TagBytes];
        using var aes = new AesGcm(key, TagBytes);
        aes.Decrypt(data.AsSpan(0, NonceBytes), data.AsSpan(NonceBytes, plaintext.Length), data.AsSpan(data.Length - TagBytes), plaintext, Aad(context, secret.KeyId));
        return plaintext;
    }

    private static byte[] Aad(string context, string keyId) => Encoding.UTF8.GetBytes($"{context}|{keyId}");
}
