using Auth.Infrastructure.Sessions;

namespace Auth.Infrastructure.Tests.Sessions;

/// <summary>What travels on the revocation channel: a session id and when it was revoked, and nothing else is believed.</summary>
public sealed class RedisRevocationChannelTests
{
    [Test]
    public void AMessage_RoundTrips()
    {
        var sessionId = Guid.NewGuid();
        var revokedAt = DateTimeOffset.FromUnixTimeMilliseconds(1_796_000_000_123);

        var parsed = RedisRevocationChannel.TryParse(RedisRevocationChannel.Format(sessionId, revokedAt), out var id, out var at);

        Assert.That((parsed, id, at), Is.EqualTo((true, sessionId, revokedAt)));
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("not-a-guid 1796000000123")]
    [TestCase("0123456789abcdef0123456789abcdef")]
    [TestCase("0123456789abcdef0123456789abcdef -5")]
    [TestCase("0123456789abcdef0123456789abcdef 17 extra")]
    public void AMalformedMessage_IsRefused(string? message) =>
        Assert.That(RedisRevocationChannel.TryParse(message, out _, out _), Is.False);
}
