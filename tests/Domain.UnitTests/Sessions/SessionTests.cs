using System.Security.Cryptography;
using Auth.Domain.Sessions;

namespace Auth.Domain.UnitTests.Sessions;

public sealed class SessionTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly SessionLifetime Lifetime = new(TimeSpan.FromDays(14), TimeSpan.FromDays(30));

    private static byte[] NewHash() => RandomNumberGenerator.GetBytes(RefreshToken.HashLength);

    private static Session StartSession() =>
        Session.Start(Guid.NewGuid(), ["pwd"], "agent", "127.0.0.1", NewHash(), Lifetime, Now);

    [Test]
    public void Start_IssuesOneUnspentToken_AndSlidingExpiry()
    {
        var session = StartSession();

        Assert.Multiple(() =>
        {
            Assert.That(session.RefreshTokens, Has.Count.EqualTo(1));
            Assert.That(session.RefreshTokens.Single().IsSpent, Is.False);
            Assert.That(session.ExpiresAt, Is.EqualTo(Now + Lifetime.Sliding));
            Assert.That(session.AbsoluteExpiresAt, Is.EqualTo(Now + Lifetime.Absolute));
            Assert.That(session.AuthenticationMethodList, Is.EqualTo(new[] { "pwd" }));
        });
    }

    [Test]
    public void Rotate_SpendsThePresentedToken_AndChainsANewOne()
    {
        var session = StartSession();
        var first = session.RefreshTokens.Single();

        var result = session.Rotate(first, NewHash(), null, Lifetime, Now.AddDays(1));

        Assert.Multiple(() =>
        {
            Assert.That(result.IsSuccess, Is.True);
            Assert.That(first.SpentAt, Is.EqualTo(Now.AddDays(1)));
            Assert.That(session.RefreshTokens, Has.Count.EqualTo(2));
            Assert.That(session.LastUsedAt, Is.EqualTo(Now.AddDays(1)));
            Assert.That(session.ExpiresAt, Is.EqualTo(Now.AddDays(1) + Lifetime.Sliding));
        });
    }

    [Test]
    public void Rotate_WithASpentToken_RevokesTheWholeSession()
    {
        var session = StartSession();
        var first = session.RefreshTokens.Single();
        session.Rotate(first, NewHash(), null, Lifetime, Now.AddMinutes(1));

        var replay = session.Rotate(first, NewHash(), null, Lifetime, Now.AddMinutes(2));

        Assert.Multiple(() =>
        {
            Assert.That(replay.Error, Is.EqualTo(SessionErrors.RefreshTokenReused));
            Assert.That(session.RevokedAt, Is.EqualTo(Now.AddMinutes(2)));
            Assert.That(session.RevocationReason, Is.EqualTo(SessionRevocationReason.RefreshTokenReuse));
            Assert.That(session.IsActive(Now.AddMinutes(3)), Is.False);
        });
    }

    [Test]
    public void Rotate_AfterSlidingExpiry_Fails()
    {
        var session = StartSession();

        var result = session.Rotate(session.RefreshTokens.Single(), NewHash(), null, Lifetime, Now + Lifetime.Sliding);

        Assert.That(result.Error, Is.EqualTo(SessionErrors.InvalidRefreshToken));
    }

    [Test]
    public void Rotate_NeverSlidesPastTheAbsoluteCap()
    {
        var session = StartSession();
        Assert.That(session.Rotate(session.RefreshTokens.Single(), NewHash(), null, Lifetime, Now.AddDays(13)).IsSuccess, Is.True);
        Assert.That(session.Rotate(session.RefreshTokens.Last(), NewHash(), null, Lifetime, Now.AddDays(26)).IsSuccess, Is.True);

        // Day 26 + 14 would be day 40; the cap is day 30.
        Assert.That(session.ExpiresAt, Is.EqualTo(Now.AddDays(30)));
        Assert.That(session.Rotate(session.RefreshTokens.Last(), NewHash(), null, Lifetime, Now.AddDays(30)).IsSuccess, Is.False);
    }

    [Test]
    public void Extend_SlidesLikeARotation_WithinTheAbsoluteCap_AndKeepsTheTokens()
    {
        var session = StartSession();

        Assert.That(session.Extend("10.0.0.2", Lifetime, Now.AddDays(10)), Is.True);
        Assert.That(session.ExpiresAt, Is.EqualTo(Now.AddDays(24)));
        Assert.That(session.IpAddress, Is.EqualTo("10.0.0.2"));
        Assert.That(session.Extend(null, Lifetime, Now.AddDays(20)), Is.True);
        Assert.That(session.ExpiresAt, Is.EqualTo(Now.AddDays(30)));
        Assert.That(session.RefreshTokens, Has.Count.EqualTo(1));
    }

    [Test]
    public void Extend_ARevokedOrExpiredSession_Fails_AndChangesNothing()
    {
        var revoked = StartSession();
        revoked.Revoke(SessionRevocationReason.Logout, Now);
        var expired = StartSession();

        Assert.That(revoked.Extend(null, Lifetime, Now.AddMinutes(1)), Is.False);
        Assert.That(expired.Extend(null, Lifetime, Now.AddDays(15)), Is.False);
        Assert.That(expired.ExpiresAt, Is.EqualTo(Now.AddDays(14)));
    }

    [Test]
    public void Rotate_OnARevokedSession_Fails()
    {
        var session = StartSession();
        session.Revoke(SessionRevocationReason.Logout, Now);

        var result = session.Rotate(session.RefreshTokens.Single(), NewHash(), null, Lifetime, Now.AddMinutes(1));

        Assert.That(result.Error, Is.EqualTo(SessionErrors.InvalidRefreshToken));
    }

    [Test]
    public void Revoke_Twice_KeepsTheFirstTimeAndReason()
    {
        var session = StartSession();

        session.Revoke(SessionRevocationReason.Logout, Now.AddMinutes(1));
        session.Revoke(SessionRevocationReason.PasswordChanged, Now.AddMinutes(2));

        Assert.That(session.RevokedAt, Is.EqualTo(Now.AddMinutes(1)));
        Assert.That(session.RevocationReason, Is.EqualTo(SessionRevocationReason.Logout));
    }

    [Test]
    public void Start_TruncatesAnOversizeUserAgent()
    {
        var session = Session.Start(Guid.NewGuid(), ["pwd"], new string('a', 2000), null, NewHash(), Lifetime, Now);

        Assert.That(session.UserAgent, Has.Length.EqualTo(Session.MaxUserAgentLength));
    }
}
