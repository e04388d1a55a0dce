using Auth.Application.Audit.GetSecurityActivity;
using Auth.Domain.Audit;
using Auth.WebApi.Pages;

namespace Auth.WebApi.IntegrationTests.Pages;

/// <summary>The account page's words for user-agent strings and security events.</summary>
public sealed class PlainWordsTests
{
    [TestCase("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0", "Edge on Windows")]
    [TestCase("Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1", "Safari on iOS")]
    [TestCase("Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0", "Firefox on Linux")]
    [TestCase("Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36", "Chrome on Android")]
    [TestCase("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15", "Safari on macOS")]
    [TestCase("curl/8.5.0", "curl")]
    [TestCase(null, "Unknown device")]
    public void AUserAgent_IsTheBrowserAndSystemItNames(string? userAgent, string expected) =>
        Assert.That(PlainWords.Device(userAgent), Is.EqualTo(expected));

    [Test]
    public void AnEvent_IsASentence_WithTheMethodOfASignIn()
    {
        var at = DateTimeOffset.UnixEpoch;

        Assert.That(PlainWords.Activity(new SecurityEventDto("login.succeeded", at, AuditOutcome.Success, "passkey", null, null, null)), Is.EqualTo("Signed in with a passkey"));
        Assert.That(PlainWords.Activity(new SecurityEventDto("tfa.failed", at, AuditOutcome.Failure, "tfa.invalid_code", null, null, null)), Is.EqualTo("Wrong second-step code"));
        Assert.That(PlainWords.Activity(new SecurityEventDto("session.revoked", at, AuditOutcome.Success, "sessions_revoked:0", null, null, null)), Is.EqualTo("Signed out"));
    }
}
