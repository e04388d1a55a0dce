using System.Runtime.CompilerServices;
using Auth.Application.Common.Interfaces;
using Auth.Domain.Sessions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Auth.Infrastructure.Sessions;

/// <summary>
/// Publishes every session whose revocation a save commits to this node's <see cref="IRevokedSessionCache"/>, after
/// the commit and only if it succeeds: a handler that revokes a session cannot forget to publish it, and a rolled-back
/// revocation is never published. The other nodes hear of it through <see cref="ISessionRevocationBroadcast"/> (Redis, when
/// configured) or, at the latest, from the database on their next sync. One instance serves every (pooled) context: what a save is about to publish is kept
/// per context, which runs one save at a time.
/// </summary>
public sealed class PublishSessionRevocationsInterceptor(IRevokedSessionCache cache, ISessionRevocationBroadcast broadcast) : SaveChangesInterceptor
{
    private readonly ConditionalWeakTable<DbContext, List<(Guid SessionId, DateTimeOffset RevokedAt)>> _pending = [];

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
        Publish(eventData.Context);
        return base.SavedChanges(eventData, result);
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Publish(eventData.Context);
        return base.SavedChangesAsync(eventData, result, cancellationToken);
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData)
    {
        Forget(eventData.Context);
        base.SaveChangesFailed(eventData);
    }

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return base.SaveChangesFailedAsync(eventData, cancellationToken);
    }

    private void Collect(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        var revoked = context.ChangeTracker.Entries<Session>()
            .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted
                && e.Entity.RevokedAt is not null
                && (e.State != EntityState.Modified || e.Property(s => s.RevokedAt).IsModified))
            .Select(e => (e.Entity.Id, e.Entity.RevokedAt!.Value))
            .ToList();
        if (revoked.Count > 0)
        {
            _pending.AddOrUpdate(context, revoked);
        }
        else
        {
            _pending.Remove(context);
        }
    }

    private void Publish(DbContext? context)
    {
        if (context is null || !_pending.TryGetValue(context, out var revoked))
        {
            return;
        }

        _pending.Remove(context);
        foreach (var (sessionId, revokedAt) in revoked)
        {
            cache.Add(sessionId, revokedAt);
        }

        broadcast.Publish(revoked);
    }

    private void Forget(DbContext? context)
    {
        if (context is not null)
        {
            _pending.Remove(context);
        }
    }
}
