namespace Auth.Application.Common.Interfaces;

/// <summary>
/// This node's view of revoked sessions, checked on every authenticated request without a database round trip.
/// Handlers never write to it: the unit of work publishes every revocation it commits, and a background
/// synchroniser adds other nodes' revocations.
/// </summary>
public interface IRevokedSessionCache
{
    void Add(Guid sessionId, DateTimeOffset revokedAt);

    bool Contains(Guid sessionId);
}
