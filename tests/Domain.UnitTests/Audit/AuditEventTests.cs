using Auth.Domain.Audit;

namespace Auth.Domain.UnitTests.Audit;

public sealed class AuditEventTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    [Test]
    public void Record_EscapesControlCharacters_SoTextCannotForgeALogLine()
    {
        var recorded = AuditEvent.Record("login.failed", null, AuditOutcome.Failure, "invalid_password", "127.0.0.1",
            "evil\r\n[00:00:00 INF] forged\u001b[2J", Now);

        Assert.That(recorded.UserAgent, Is.EqualTo("evil\\u000d\\u000a[00:00:00 INF] forged\\u001b[2J"));
    }

    [Test]
    public void Record_TruncatesTheUserAgent()
    {
        var recorded = AuditEvent.Record("login.failed", null, AuditOutcome.Failure, null, null, new string('a', 1000), Now);

        Assert.That(recorded.UserAgent, Has.Length.EqualTo(AuditEvent.MaxUserAgentLength));
    }

    [Test]
    public void Record_KeepsTheTimeInUtc()
    {
        var recorded = AuditEvent.Record("login.succeeded", Guid.NewGuid(), AuditOutcome.Success, null, null, null, Now);

        Assert.That(recorded.OccurredAt.Offset, Is.EqualTo(TimeSpan.Zero));
        Assert.That(recorded.UserAgent, Is.Null);
    }
}
