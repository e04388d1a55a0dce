using Auth.Application.Accounts;
using Auth.Application.Auth.Refresh;
using Auth.Application.Common.Interfaces;
using Auth.Application.Common.Models;
using Auth.Application.Common.Security;
using Auth.Application.Sessions;
using Auth.Application.SignIn.Attempts;
using Auth.Application.SignIn.Completion;
using Auth.Domain.Sessions;
using Auth.Domain.Users;
using Auth.Infrastructure.Sessions;
using Auth.TestCommon;
using Microsoft.Extensions.Options;
using Moq;

namespace Auth.Application.UnitTests.Auth.Refresh;

public sealed class RefreshCommandHandlerTests
{
    [Test]
    public async Task Handle_WhenASpentTokenIsReplayed_RevokesTheSession_AndItsUnitOfWorkTellsTheRevocationCache()
    {
        using var database = new SqliteTestDatabase();
        var clock = TestClock.Create();
        var first = OpaqueToken.Create();
        Guid sessionId;
        await using (var db = database.CreateContext())
        {
            var user = User.Register(EmailAddress.Create("ada@example.com"), "Ada", "hash", clock.GetUtcNow());
            user.VerifyEmail(clock.GetUtcNow());
            var session = Session.Start(user.Id, ["pwd"], null, null, first.Hash, SessionLifetime.Default, clock.GetUtcNow());
            db.AddRange(user, session);
            await db.SaveChangesAsync();
            sessionId = session.Id;
        }

        var issuer = new Mock<IAccessTokenIssuer>();
        issuer.Setup(i => i.Issue(It.IsAny<User>(), It.IsAny<Session>())).Returns(new IssuedAccessToken("jwt", clock.GetUtcNow()));
        var revoked = new Mock<IRevokedSessionCache>();

        async Task<Domain.Common.Result<TokenPair>> RefreshAsync(string token)
        {
            await using var db = database.CreateContext(new PublishSessionRevocationsInterceptor(revoked.Object, new NoRevocationBroadcast()));
            var handler = new RefreshCommandHandler(
                db, issuer.Object, new SignInPolicy(Options.Create(new AccountOptions())), SignIn.Login.LoginCommandHandlerTests.Audit(db, clock), Options.Create(new SessionOptions()), clock);
            return await handler.Handle(new RefreshCommand(token, CallerContext.Unknown), CancellationToken.None);
        }

        Assert.That((await RefreshAsync(first.Value)).IsSuccess, Is.True);
        revoked.Verify(r => r.Add(It.IsAny<Guid>(), It.IsAny<DateTimeOffset>()), Times.Never);

        clock.Advance(TimeSpan.FromMinutes(1));
        var replay = await RefreshAsync(first.Value);

        Assert.That(replay.Error, Is.EqualTo(SessionErrors.RefreshTokenReused));
        revoked.Verify(r => r.Add(sessionId, clock.GetUtcNow()), Times.Once);
        await using var check = database.CreateContext();
        Assert.That(check.Sessions.Single().RevocationReason, Is.EqualTo(SessionRevocationReason.RefreshTokenReuse));
    }
}
