using Auth.Infrastructure.Persistence;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Auth.Infrastructure.Passkeys;

/// <summary>What ASP.NET Core Identity's passkey handler knows of one of our users: the id, which is also the WebAuthn user handle.</summary>
public sealed class PasskeyUser(Guid id)
{
    public Guid Id { get; } = id;
}

/// <summary>
/// The thin, read-only store the framework's <see cref="PasskeyHandler{TUser}"/> needs (through a
/// <see cref="UserManager{TUser}"/>) over our own users and passkeys. Writes go through our commands and domain
/// entities, never through Identity, so every write method refuses.
/// </summary>
public sealed class PasskeyUserStore(AuthDbContext db) : IUserPasskeyStore<PasskeyUser>
{
    public async Task<PasskeyUser?> FindByIdAsync(string userId, CancellationToken cancellationToken) =>
        Guid.TryParse(userId, out var id) && await db.Users.AnyAsync(u => u.Id == id, cancellationToken) ? new PasskeyUser(id) : null;

    public Task<string> GetUserIdAsync(PasskeyUser user, CancellationToken cancellationToken) =>
        Task.FromResult(Of(user).Id.ToString());

    public async Task<PasskeyUser?> FindByPasskeyIdAsync(byte[] credentialId, CancellationToken cancellationToken)
    {
        var owner = await db.Passkeys.Where(p => p.CredentialId == credentialId).Select(p => (Guid?)p.UserId).SingleOrDefaultAsync(cancellationToken);
        return owner is { } id ? new PasskeyUser(id) : null;
    }

    public async Task<IList<UserPasskeyInfo>> GetPasskeysAsync(PasskeyUser user, CancellationToken cancellationToken)
    {
        var passkeys = await db.Passkeys.AsNoTracking().Where(p => p.UserId == Of(user).Id).ToListAsync(cancellationToken);
        return [.. passkeys.Select(ToInfo)];
    }

    public async Task<UserPasskeyInfo?> FindPasskeyAsync(PasskeyUser user, byte[] credentialId, CancellationToken cancellationToken)
    {
        var passkey = await db.Passkeys.AsNoTracking()
            .SingleOrDefaultAsync(p => p.UserId == Of(user).Id && p.CredentialId == credentialId, cancellationToken);
        return passkey is null ? null : ToInfo(passkey);
    }

    public Task AddOrUpdatePasskeyAsync(PasskeyUser user, UserPasskeyInfo passkey, CancellationToken cancellationToken) => throw ReadOnly();

    public Task RemovePasskeyAsync(PasskeyUser user, byte[] credentialId, CancellationToken cancellationToken) => throw ReadOnly();

    public Task<string?> GetUserNameAsync(PasskeyUser user, CancellationToken cancellationToken) =>
        Task.FromResult<string?>(Of(user).Id.ToString());

    public Task<string?> GetNormalizedUserNameAsync(PasskeyUser user, CancellationToken cancellationToken) =>
        Task.FromResult<string?>(Of(user).Id.ToString());

    public Task<PasskeyUser?> FindByNameAsync(string normalizedUserName, CancellationToken cancellationToken) =>
        Task.FromResult<PasskeyUser?>(null);

    public Task SetUserNameAsync(PasskeyUser user, string? userName, CancellationToken cancellationToken) => throw ReadOnly();

    public Task SetNormalizedUserNameAsync(PasskeyUser user, string? normalizedName, CancellationToken cancellationToken) => throw ReadOnly();

    public Task<IdentityResult> CreateAsync(PasskeyUser user, CancellationToken cancellationToken) => throw ReadOnly();

    public Task<IdentityResult> UpdateAsync(PasskeyUser user, CancellationToken cancellationToken) => throw ReadOnly();

    public Task<IdentityResult> DeleteAsync(PasskeyUser user, CancellationToken cancellationToken) => throw ReadOnly();

    public void Dispose()
    {
        // The DbContext belongs to the request's scope.
    }

    private static PasskeyUser Of(PasskeyUser user) => user ?? throw new ArgumentNullException(nameof(user));

    private static UserPasskeyInfo ToInfo(Domain.Passkeys.Passkey passkey) =>
        new(passkey.CredentialId, passkey.PublicKey, passkey.CreatedAt.UtcDateTime, (uint)passkey.SignCount, [.. passkey.TransportList],
            passkey.IsUserVerified, passkey.IsBackupEligible, passkey.IsBackedUp, attestationObject: [], clientDataJson: [])
        {
            Name = passkey.Name,
        };

    private static NotSupportedException ReadOnly() =>
        new("Passkeys and users change through the application's commands, not through ASP.NET Core Identity.");
}
