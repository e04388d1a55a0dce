using Auth.Application.Common.Interfaces;
using Auth.Application.Common.Models;
using Auth.Application.KnownDevices;
using Auth.Application.Sessions;
using Auth.Application.SignIn.Completion;
using Auth.Application.SignIn.Levels;
using Auth.Application.Tfa.Common;
using Auth.Application.UnitTests.SignIn.Login;
using Auth.Domain.Audit;
using Auth.Domain.Sessions;
using Auth.Domain.Users;
using Auth.Infrastructure.Persistence;
using Auth.TestCommon;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Moq;

namespace Auth.Application.UnitTests.SignIn;

/// <summary>The one way a sign-in finishes: what it opens, what it issues, and what it ends.</summary>
public sealed class SignInCompletionTests
{
    private static readonly CallerContext Caller = new("agent", "127.0.0.1");

    private SqliteTestDatabase _database = null!;
    private Mock<IAccessTokenIssuer> _issuer = null!;

    [SetUp]
    public void SetUp()
    {
        _database = new SqliteTestDatabase();
        _issuer = new Mock<IAccessTokenIssuer>();
        _issuer.Setup(i => i.Issue(It.IsAny<User>(), It.IsAny<Session>())).Returns(new IssuedAccessToken("jwt", TestClock.Start));
        _issuer.SetupGet(i => i.Lifetime).Returns(TimeSpan.FromMinutes(10));
    }

    [TearDown]
    public void TearDown() => _database.Dispose();

    private SignInCompletion Completion(SqliteAuthDbContext db)
    {
        var time = TestClock.Create();
        return new SignInCompletion(db, _issuer.Object, new KnownDeviceRegistry(db, Options.Create(new TfaOptions()), time),
            LoginCommandHandlerTests.Audit(db, time), Options.Create(new SessionOptions()), time);
    }

    private static User NewUser(SqliteAuthDbContext db, string email)
    {
        var user = User.Register(EmailAddress.Create(email), "Someone", "$stored", TestClock.Start);
        db.Users.Add(user);
        return user;
    }

    [Test]
    public async Task ASignInThroughTheJsonApi_OpensASessionWithTheProvenMethods_AuditsIt_AndIssuesATokenPair()
    {
        await using var db = _database.CreateContext();
        var user = NewUser(db, "ada@example.com");

        var signedIn = await Completion(db).CompleteAsync(new ProvenSignIn(user, AuthenticationMethods.PasswordAndOtp, Caller, null), CancellationToken.None);
        await db.SaveChangesAsync();

        var session = db.Sessions.Single();
        Assert.Multiple(() =>
        {
            Assert.That(signedIn.SessionId, Is.EqualTo(session.Id));
            Assert.That(session.AuthenticationMethodList, Is.EqualTo(new[] { "pwd", "otp", "mfa" }));
            Assert.That(signedIn.Tokens!.AccessToken, Is.EqualTo("jwt"));
            Assert.That(signedIn.Tokens.RefreshToken, Is.Not.Empty);
            Assert.That(signedIn.DeviceToken, Is.Not.Null, "a new device is recognised");
            Assert.That(db.AuditEvents.Select(e => e.Type), Does.Contain(AuditEventTypes.LoginSucceeded));
        });
    }

    [Test]
    public async Task ABrowserSignIn_GetsNoTokens()
    {
        await using var db = _database.CreateContext();
        var user = NewUser(db, "ada@example.com");

        var signedIn = await Completion(db).CompleteAsync(
            new ProvenSignIn(user, AuthenticationMethods.Password, Caller, null, Browser: new BrowserSignIn(null)), CancellationToken.None);
        await db.SaveChangesAsync();

        Assert.That(signedIn.Tokens, Is.Null);
        Assert.That(signedIn.ExpiresAt, Is.EqualTo(db.Sessions.Single().ExpiresAt));
        _issuer.Verify(i => i.Issue(It.IsAny<User>(), It.IsAny<Session>()), Times.Never);
    }

    [Test]
    public async Task ABrowserSignIn_EndsTheSessionTheBrowserHeldBefore_EvenAnotherUsers_InTheSameCommit()
    {
        Guid previousSession;
        Guid previousUser;
        await using (var db = _database.CreateContext())
        {
            var before = NewUser(db, "grace@example.com");
            previousUser = before.Id;
            previousSession = (await Completion(db).CompleteAsync(new ProvenSignIn(before, AuthenticationMethods.Password, Caller, null), CancellationToken.None)).SessionId;
            await db.SaveChangesAsync();
        }

        await using (var db = _database.CreateContext())
        {
            var user = NewUser(db, "ada@example.com");
            await Completion(db).CompleteAsync(
                new ProvenSignIn(user, AuthenticationMethods.Password, Caller, null, Browser: new BrowserSignIn(new CurrentSession(previousUser, previousSession))),
                CancellationToken.None);
            Assert.That(await db.Sessions.AsNoTracking().SingleAsync(s => s.Id == previousSession), Has.Property(nameof(Session.RevokedAt)).Null,
                "nothing ends before the sign-in commits");
            await db.SaveChangesAsync();
        }

        await using var check = _database.CreateContext();
        Assert.That(check.Sessions.Single(s => s.Id == previousSession).RevokedAt, Is.Not.Null);
        Assert.That(check.Sessions.Count(s => s.RevokedAt == null), Is.EqualTo(1));
    }
}
