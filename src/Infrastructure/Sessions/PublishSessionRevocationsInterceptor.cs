using Auth.Application.Common.Interfaces;
using Auth.Domain.Sessions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Auth.Infrastructure.Sessions;

/// <summary>
/// Publishes every session whose revocation a save commits to this node's <see cref="IRevokedSessionCache"/>, after
/// the commit and only if it succeeds: a handler that revokes a session cannot forget to publish it, and a rolled-back
/// revocation is never published. Scoped, like the context it watches (one unit of work per request).
/// </summary>
public sealed class PublishSessionRevocationsInterceptor(IRevokedSessionCache cache) : SaveChangesInterceptor
{
    private List<(Guid SessionId, DateTimeOffset RevokedAt)> _pending = [];

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Collect(eventData.Context);
        return base.SavingChanges(eventData, result);
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Collect(eventData.Context);
        return base.SavingChangesAsync(eventData, result, cancellationToken);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Publish();
        return base.SavedChanges(eventData, result);
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Publish();
        return base.SavedChangesAsync(eventData, result, cancellationToken);
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData)
    {
        _pending = [];
        base.SaveChangesFailed(eventData);
    }

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        _pending = [];
        return base.SaveChangesFailedAsync(eventData, cancellationToken);
    }

    private void Collect(DbContext? context)
    {
        _pending = context is null
            ? []
            : context.ChangeTracker.Entries<Session>()
                .Where(e => e.State is EntityState.Added or EntityState.Modified
                    && e.Entity.RevokedAt is not null
                    && (e.State == EntityState.Added || e.Property(s => s.RevokedAt).IsModified))
                .Select(e => (e.Entity.Id, e.Entity.RevokedAt!.Value))
                .ToList();
    }

    private void Publish()
    {
        foreach (var (sessionId, revokedAt) in _pending)
        {
            cache.Add(sessionId, revokedAt);
        }

        _pending = [];
    }
}
