using System.Text;
using Auth.Application.Common.Interfaces;
using Auth.Domain.Email;

namespace Auth.Application.Email;

/// <summary>Seals outbox bodies (encrypted, bound to their message's id) and opens them for delivery.</summary>
public sealed class OutboxBodies(ISecretProtector protector)
{
    public ProtectedSecret Seal(Guid messageId, string body) =>
        protector.Protect(Encoding.UTF8.GetBytes(body), SecretContexts.OutboxBody(messageId));

    /// <summary>The body's text, or null when it was erased (sent, or its secret expired).</summary>
    public string? Open(OutboxMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return message is { BodyKeyId: { } keyId, BodyCiphertext: { } ciphertext }
            ? Encoding.UTF8.GetString(protector.Unprotect(new ProtectedSecret(keyId, ciphertext), SecretContexts.OutboxBody(message.Id)))
            : null;
    }
}
