using Auth.Domain.Passkeys;

namespace Auth.Application.Passkeys.Common;

/// <param name="Synced">The key may live on several of the user's devices (a synced passkey); false for a device-bound key.</param>
/// <param name="Bound">It gives its level (signs in on its own); false until the link emailed when it was added is followed.</param>
public sealed record PasskeyDto(
    Guid Id, string Name, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt, bool Synced, IReadOnlyList<string> Transports, bool Bound)
{
    public static PasskeyDto From(Passkey passkey)
    {
        ArgumentNullException.ThrowIfNull(passkey);
        return new PasskeyDto(passkey.Id, passkey.Name, passkey.CreatedAt, passkey.LastUsedAt, passkey.IsSynced, passkey.TransportList, passkey.IsBound);
    }
}
