using System.Collections.Concurrent;
using Auth.Application.Common.Interfaces;
using Auth.Infrastructure.Security.Tokens;
using Microsoft.Extensions.Options;

namespace Auth.Infrastructure.Sessions;

/// <summary>
/// In-memory set of revoked session ids. An entry is needed only while an access token issued before the
/// revocation can still be valid (token lifetime + clock skew); after that the token's own expiry rejects it.
/// </summary>
public sealed class RevokedSessionCache(IOptions<JwtOptions> options, TimeProvider time) : IRevokedSessionCache
{
    private readonly ConcurrentDictionary<Guid, DateTimeOffset> _forgetAfter = new();

    public int Count => _forgetAfter.Count;

    public void Add(Guid sessionId, DateTimeOffset revokedAt)
    {
        var jwt = options.Value;
        var forgetAfter = revokedAt + jwt.AccessTokenLifetime + (jwt.ClockSkew * 2);
        _forgetAfter.AddOrUpdate(sessionId, forgetAfter, (_, existing) => existing > forgetAfter ? existing : forgetAfter);
    }

    public bool Contains(Guid sessionId) => _forgetAfter.ContainsKey(sessionId);

    public void Prune()
    {
        var now = time.GetUtcNow();
        foreach (var (id, forgetAfter) in _forgetAfter)
        {
            if (forgetAfter < now)
            {
                _forgetAfter.TryRemove(id, out _);
            }
        }
    }
}
