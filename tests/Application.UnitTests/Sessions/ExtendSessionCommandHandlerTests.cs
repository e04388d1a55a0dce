using Auth.Application.Accounts;
using Auth.Application.Sessions;
using Auth.Application.Sessions.ExtendSession;
using Auth.Application.SignIn.Attempts;
using Auth.Application.SignIn.Levels;
using Auth.Domain.Sessions;
using Auth.Domain.Users;
using Auth.TestCommon;
using Microsoft.Extensions.Options;

namespace Auth.Application.UnitTests.Sessions;

/// <summary>An OpenID Connect refresh: it may only extend a session that still speaks for an account allowed to sign in.</summary>
public sealed class ExtendSessionCommandHandlerTests
{
    private SqliteTestDatabase _database = null!;
    private Microsoft.Extensions.Time.Testing.FakeTimeProvider _clock = null!;

    [SetUp]
    public void CreateDatabase()
    {
        _database = new SqliteTestDatabase();
        _clock = TestClock.Create();
    }

    [TearDown]
    public void DisposeDatabase() => _database.Dispose();

    [Test]
    public async Task AnActiveSession_IsExtended_AndAnswersWithTodaysClaims()
    {
        var (user, session) = await SeedAsync();
        _clock.Advance(TimeSpan.FromDays(1));

        var result = await ExtendAsync(user, session);

        Assert.That(result.IsSuccess, Is.True);
        Assert.That(result.Value.Email, Is.EqualTo("ada@example.com"));
        Assert.That(result.Value.AuthenticationLevel, Is.EqualTo(AuthenticationLevels.Password));
        Assert.That(result.Value.ExpiresAt, Is.EqualTo(_clock.GetUtcNow() + SessionLifetime.Default.Sliding));
    }

    [Test]
    public async Task ARevokedSession_IsNotExtended()
    {
        var (user, session) = await SeedAsync(revoke: true);

        var result = await ExtendAsync(user, session);

        Assert.That(result.Error, Is.EqualTo(SessionErrors.InvalidRefreshToken));
    }

    [Test]
    public async Task ADisabledAccount_IsNotExtended()
    {
        var (user, session) = await SeedAsync(disable: true);

        var result = await ExtendAsync(user, session);

        Assert.That(result.Error, Is.EqualTo(SessionErrors.InvalidRefreshToken));
    }

    private async Task<(User User, Session Session)> SeedAsync(bool revoke = false, bool disable = false)
    {
        await using var db = _database.CreateContext();
        var user = User.Register(EmailAddress.Create("ada@example.com"), "Ada", "hash", _clock.GetUtcNow());
        user.VerifyEmail(_clock.GetUtcNow());
        var session = Session.Start(user.Id, ["pwd"], null, null, new byte[32], SessionLifetime.Default, _clock.GetUtcNow());
        if (revoke)
        {
            session.Revoke(SessionRevocationReason.Logout, _clock.GetUtcNow());
        }

        if (disable)
        {
            user.Disable(_clock.GetUtcNow());
        }

        db.AddRange(user, session);
        await db.SaveChangesAsync();
        return (user, session);
    }

    private async Task<Domain.Common.Result<Application.Sessions.GetSignedInSession.SignedInSession>> ExtendAsync(User user, Session session)
    {
        await using var db = _database.CreateContext();
        var handler = new ExtendSessionCommandHandler(
            db, new SignInPolicy(Options.Create(new AccountOptions())), Options.Create(new SessionOptions()), _clock);
        return await handler.Handle(new ExtendSessionCommand(new CurrentSession(user.Id, session.Id), null), CancellationToken.None);
    }
}
