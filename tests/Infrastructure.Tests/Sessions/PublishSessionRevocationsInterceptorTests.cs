using Auth.Application.Common.Security;
using Auth.Domain.Sessions;
using Auth.Domain.Users;
using Auth.Infrastructure.Security.Tokens;
using Auth.Infrastructure.Sessions;
using Auth.TestCommon;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Auth.Infrastructure.Tests.Sessions;

/// <summary>A revocation saved through any path reaches this node's cache, after the commit and only if it commits.</summary>
public sealed class PublishSessionRevocationsInterceptorTests
{
    private SqliteTestDatabase _database = null!;
    private RevokedSessionCache _cache = null!;
    private User _user = null!;

    [SetUp]
    public async Task SetUp()
    {
        _database = new SqliteTestDatabase();
        _cache = new RevokedSessionCache(Options.Create(new JwtOptions()), TestClock.Create());
        _user = User.Register(EmailAddress.Create("ada@example.com"), "Ada", "hash", TestClock.Start);
        await using var db = _database.CreateContext();
        db.Users.Add(_user);
        await db.SaveChangesAsync();
    }

    [TearDown]
    public void TearDown() => _database.Dispose();

    private Domain.Sessions.Session NewSession() =>
        Domain.Sessions.Session.Start(_user.Id, ["pwd"], null, null, OpaqueToken.Create().Hash, SessionLifetime.Default, TestClock.Start);

    private async Task<Guid> SavedSessionAsync()
    {
        var session = NewSession();
        await using var db = _database.CreateContext(new PublishSessionRevocationsInterceptor(_cache, new NoRevocationBroadcast()));
        db.Sessions.Add(session);
        await db.SaveChangesAsync();
        return session.Id;
    }

    [Test]
    public async Task ARevocationSaved_ByTrackingTheSession_ReachesTheCache()
    {
        var id = await SavedSessionAsync();
        Assert.That(_cache.Contains(id), Is.False, "an open session is not published");

        await using var db = _database.CreateContext(new PublishSessionRevocationsInterceptor(_cache, new NoRevocationBroadcast()));
        var session = await db.Sessions.SingleAsync(s => s.Id == id);
        session.Revoke(SessionRevocationReason.Logout, TestClock.Start.AddMinutes(1));
        await db.SaveChangesAsync();

        Assert.That(_cache.Contains(id), Is.True);
    }

    [Test]
    public async Task ARevocationSaved_ByAttachingADetachedSession_ReachesTheCache_WithTheSynchronousSave()
    {
        var id = await SavedSessionAsync();
        Domain.Sessions.Session detached;
        await using (var read = _database.CreateContext())
        {
            detached = await read.Sessions.AsNoTracking().SingleAsync(s => s.Id == id);
        }

        using var db = _database.CreateContext(new PublishSessionRevocationsInterceptor(_cache, new NoRevocationBroadcast()));
        db.Sessions.Attach(detached);
        detached.Revoke(SessionRevocationReason.RevokedByAdmin, TestClock.Start.AddMinutes(1));
        db.SaveChanges();

        Assert.That(_cache.Contains(id), Is.True);
    }

    [Test]
    public async Task ASessionAddedAlreadyRevoked_ReachesTheCache()
    {
        var session = NewSession();
        session.Revoke(SessionRevocationReason.RevokedByAdmin, TestClock.Start);
        await using var db = _database.CreateContext(new PublishSessionRevocationsInterceptor(_cache, new NoRevocationBroadcast()));
        db.Sessions.Add(session);
        await db.SaveChangesAsync();

        Assert.That(_cache.Contains(session.Id), Is.True);
    }

    [Test]
    public async Task ARevocationWhoseSaveFails_IsNotPublished_AndTheNextSaveDoesNotPublishIt()
    {
        var id = await SavedSessionAsync();
        await using var db = _database.CreateContext(new PublishSessionRevocationsInterceptor(_cache, new NoRevocationBroadcast()));
        var session = await db.Sessions.SingleAsync(s => s.Id == id);
        session.Revoke(SessionRevocationReason.Logout, TestClock.Start.AddMinutes(1));
        db.Users.Add(User.Register(EmailAddress.Create("ADA@example.com"), "Ada again", "hash", TestClock.Start));

        Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        Assert.That(_cache.Contains(id), Is.False);

        db.ChangeTracker.Clear();
        await db.SaveChangesAsync();
        Assert.That(_cache.Contains(id), Is.False);
    }

    [Test]
    public async Task ARefreshThatOnlyRotatesTheToken_PublishesNothing()
    {
        var id = await SavedSessionAsync();
        await using var db = _database.CreateContext(new PublishSessionRevocationsInterceptor(_cache, new NoRevocationBroadcast()));
        var session = await db.Sessions.Include(s => s.RefreshTokens).SingleAsync(s => s.Id == id);
        var rotated = session.Rotate(session.RefreshTokens.Single(), OpaqueToken.Create().Hash, null, SessionLifetime.Default, TestClock.Start.AddMinutes(1));
        await db.SaveChangesAsync();

        Assert.That(rotated.IsSuccess, Is.True);
        Assert.That(_cache.Count, Is.Zero);
    }
}
