using Auth.Application.Common.Interfaces;
using Auth.Application.Common.Security;
using Auth.Domain.ApiKeys;
using Microsoft.EntityFrameworkCore;

namespace Auth.Application.Admin.ApiKeys;

/// <summary>What an API key proves: its id, name and scopes.</summary>
public sealed record ApiKeyIdentity(Guid Id, string Name, IReadOnlyList<string> Scopes);

/// <summary>Checks a presented key (by hash; the key has 256 random bits) and records its use at most once a minute.</summary>
public sealed class ApiKeyAuthenticator(IAuthDbContext db, TimeProvider time)
{
    private static readonly TimeSpan UseRecordingInterval = TimeSpan.FromMinutes(1);

    public async Task<ApiKeyIdentity?> AuthenticateAsync(string presented, CancellationToken cancellationToken)
    {
        if (!presented.StartsWith(ApiKey.Prefix, StringComparison.Ordinal) || presented.Length > 128)
        {
            return null;
        }

        var hash = OpaqueToken.HashOf(presented);
        var now = time.GetUtcNow();
        var key = await db.ApiKeys.AsNoTracking().SingleOrDefaultAsync(k => k.KeyHash == hash, cancellationToken);
        if (key is null || !key.IsUsable(now))
        {
            return null;
        }

        if (key.LastUsedAt is not { } last || now - last >= UseRecordingInterval)
        {
            await db.ApiKeys.Where(k => k.Id == key.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(k => k.LastUsedAt, now), cancellationToken);
        }

        return new ApiKeyIdentity(key.Id, key.Name, key.Scopes.ToList());
    }
}
