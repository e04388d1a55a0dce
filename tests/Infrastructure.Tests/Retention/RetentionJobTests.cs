using Auth.Application.Common.Security;
using Auth.Application.Email;
using Auth.Domain.Audit;
using Auth.Domain.KnownDevices;
using Auth.Domain.Passkeys;
using Auth.Domain.Sessions;
using Auth.Domain.Tfa;
using Auth.Domain.Users;
using Auth.Infrastructure.Retention;
using Auth.TestCommon;
using Microsoft.EntityFrameworkCore;

namespace Auth.Infrastructure.Tests.Retention;

/// <summary>No table grows without bound, and no expired secret stays at rest; what is still of use stays.</summary>
public sealed class RetentionJobTests
{
    private static readonly DateTimeOffset Long = TestClock.Start.AddDays(-400);
    private static readonly DateTimeOffset Recent = TestClock.Start.AddHours(-1);

    private SqliteTestDatabase _database = null!;
    private User _user = null!;

    [SetUp]
    public async Task SetUp()
    {
        _database = new SqliteTestDatabase();
        _user = User.Register(EmailAddress.Create("ada@example.com"), "Ada", "hash", Long);
        await using var db = _database.CreateContext();
        db.Users.Add(_user);
        await db.SaveChangesAsync();
    }

    [TearDown]
    public void TearDown() => _database.Dispose();

    private async Task<int> PruneAsync()
    {
        await using var db = _database.CreateContext();
        return await RetentionJob.PruneAsync(db, new RetentionOptions(), TestClock.Start, CancellationToken.None);
    }

    [Test]
    public async Task ABacklog_GoesInBatches_EachItsOwnStatement_AndEachTableIsReported()
    {
        await using (var db = _database.CreateContext())
        {
            db.AuditEvents.AddRange(Enumerable.Range(0, 5).Select(i => AuditEvent.Record("login.failed", _user.Id, AuditOutcome.Failure, null, null, null, Long.AddMinutes(i))));
            db.AuditEvents.Add(AuditEvent.Record("login.failed", _user.Id, AuditOutcome.Failure, null, null, null, Recent));
            await db.SaveChangesAsync();
        }

        var statements = new AuditDeletes();
        var reported = new List<(string Table, int Rows)>();
        await using (var db = _database.CreateContext(statements))
        {
            await RetentionJob.PruneAsync(db, new RetentionOptions { BatchSize = 2, BatchPause = TimeSpan.Zero }, TestClock.Start, CancellationToken.None, (t, n) => reported.Add((t, n)));
        }

        await using var check = _database.CreateContext();
        Assert.That(await check.AuditEvents.CountAsync(), Is.EqualTo(1), "the recent one stays");
        Assert.That(statements.Count, Is.EqualTo(3), "2 + 2 + 1");
        Assert.That(reported, Does.Contain(("AuditEvents", 5)));
    }

    [Test]
    public async Task EndedSessions_GoInBatches_EachWithAllItsRefreshTokens_AndLiveOnesKeepTheirs()
    {
        await using (var db = _database.CreateContext())
        {
            for (var i = 0; i < 3; i++)
            {
                var ended = Session.Start(_user.Id, ["pwd"], null, null, OpaqueToken.Create().Hash, SessionLifetime.Default, Long.AddMinutes(i));
                // A session that was refreshed often has more tokens than a batch holds.
                for (var r = 0; r < 3; r++)
                {
                    Assert.That(ended.Rotate(ended.RefreshTokens.Last(), OpaqueToken.Create().Hash, null, SessionLifetime.Default, Long.AddMinutes(i + r)).IsSuccess, Is.True);
                }

                ended.Revoke(SessionRevocationReason.Logout, Long.AddHours(1));
                db.Sessions.Add(ended);
            }

            db.Sessions.Add(Session.Start(_user.Id, ["pwd"], null, null, OpaqueToken.Create().Hash, SessionLifetime.Default, Recent));
            await db.SaveChangesAsync();
        }

        var reported = new List<(string Table, int Rows)>();
        await using (var db = _database.CreateContext())
        {
            await RetentionJob.PruneAsync(db, new RetentionOptions { BatchSize = 2, BatchPause = TimeSpan.Zero }, TestClock.Start, CancellationToken.None, (t, n) => reported.Add((t, n)));
        }

        await using var check = _database.CreateContext();
        var live = await check.Sessions.SingleAsync();
        Assert.Multiple(() =>
        {
            Assert.That(live.CreatedAt, Is.EqualTo(Recent));
            Assert.That(check.RefreshTokens.Select(t => t.SessionId).ToList(), Is.EqualTo(new[] { live.Id }));
            Assert.That(reported, Does.Contain(("Sessions", 3)).And.Contain(("RefreshTokens", 12)));
        });
    }

    /// <summary>Counts the DELETE statements sent for the audit table.</summary>
    private sealed class AuditDeletes : Microsoft.EntityFrameworkCore.Diagnostics.DbCommandInterceptor
    {
        public int Count { get; private set; }

        public override ValueTask<Microsoft.EntityFrameworkCore.Diagnostics.InterceptionResult<int>> NonQueryExecutingAsync(
            System.Data.Common.DbCommand command, Microsoft.EntityFrameworkCore.Diagnostics.CommandEventData eventData,
            Microsoft.EntityFrameworkCore.Diagnostics.InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            if (command.CommandText.Contains("DELETE FROM \"AuditEvents\"", StringComparison.Ordinal))
            {
                Count++;
            }

            return base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);
        }
    }

    [Test]
    public async Task OldRecords_AreDeleted_AndCurrentOnesKept()
    {
        await using (var db = _database.CreateContext())
        {
            var ended = Session.Start(_user.Id, ["pwd"], null, null, OpaqueToken.Create().Hash, SessionLifetime.Default, Long);
            ended.Revoke(SessionRevocationReason.Logout, Long);
            var live = Session.Start(_user.Id, ["pwd"], null, null, OpaqueToken.Create().Hash, SessionLifetime.Default, Recent);
            db.Sessions.AddRange(ended, live);
            db.TfaChallenges.AddRange(TfaChallenge.Start(_user.Id, _user.SecurityStamp, null, TimeSpan.FromMinutes(5), Long),
                TfaChallenge.Start(_user.Id, _user.SecurityStamp, null, TimeSpan.FromMinutes(5), Recent));
            db.AccountTokens.AddRange(AccountToken.Issue(_user.Id, AccountTokenPurpose.PasswordReset, OpaqueToken.Create().Hash, TimeSpan.FromMinutes(30), Long),
                AccountToken.Issue(_user.Id, AccountTokenPurpose.PasswordReset, OpaqueToken.Create().Hash, TimeSpan.FromMinutes(30), Recent));
            db.KnownDevices.AddRange(KnownDevice.Recognize(_user.Id, OpaqueToken.Create().Hash, null, Long),
                KnownDevice.Recognize(_user.Id, OpaqueToken.Create().Hash, null, Recent));
            db.AuditEvents.AddRange(AuditEvent.Record("login.succeeded", _user.Id, AuditOutcome.Success, null, null, null, Long),
                AuditEvent.Record("login.succeeded", _user.Id, AuditOutcome.Success, null, null, null, TestClock.Start.AddDays(-300)));
            db.SignInThrottles.AddRange(SignInThrottle.For("RESET@EXAMPLE.COM"), SignInThrottle.For("ADA@EXAMPLE.COM"));

            // A passkey ceremony goes as soon as it expires (it was never answered, or it was and is already gone).
            db.PasskeyCeremonies.AddRange(
                PasskeyCeremony.Begin(PasskeyCeremonyPurpose.SignIn, null, null, null, "state", TimeSpan.FromMinutes(5), TestClock.Start.AddMinutes(-6)),
                PasskeyCeremony.Begin(PasskeyCeremonyPurpose.SignIn, null, null, null, "state", TimeSpan.FromMinutes(5), TestClock.Start.AddMinutes(-4)));
            await db.SaveChangesAsync();
        }

        await using (var db = _database.CreateContext())
        {
            // A counter idle for long, and one blocked at the hard limit: only the first may go.
            await db.SignInThrottles.Where(t => t.LoginKey == "ADA@EXAMPLE.COM").ExecuteUpdateAsync(s => s
                .SetProperty(t => t.ConsecutiveFailures, 3).SetProperty(t => t.LastAttemptAt, Long));
            db.SignInThrottles.Add(SignInThrottle.For("BLOCKED@EXAMPLE.COM"));
            await db.SaveChangesAsync();
            await db.SignInThrottles.Where(t => t.LoginKey == "BLOCKED@EXAMPLE.COM").ExecuteUpdateAsync(s => s
                .SetProperty(t => t.ConsecutiveFailures, 100).SetProperty(t => t.LastAttemptAt, Long).SetProperty(t => t.ThrottledUntil, DateTimeOffset.MaxValue));
        }

        Assert.That(await PruneAsync(), Is.GreaterThan(0));

        await using var check = _database.CreateContext();
        Assert.Multiple(() =>
        {
            Assert.That(check.Sessions.Count(), Is.EqualTo(1));
            Assert.That(check.RefreshTokens.Count(), Is.EqualTo(1), "the ended session's refresh tokens went with it");
            Assert.That(check.TfaChallenges.Count(), Is.EqualTo(1));
            Assert.That(check.PasskeyCeremonies.Count(), Is.EqualTo(1));
            Assert.That(check.AccountTokens.Count(), Is.EqualTo(1));
            Assert.That(check.KnownDevices.Count(), Is.EqualTo(1));
            Assert.That(check.AuditEvents.Count(), Is.EqualTo(1), "audit events are kept 365 days");
            Assert.That(check.SignInThrottles.Select(t => t.LoginKey).ToList(), Is.EqualTo(new[] { "BLOCKED@EXAMPLE.COM" }));
        });
    }

    [Test]
    public async Task AnUnsentMessagesBody_IsErased_OnceItsCodeHasExpired_ButKeptWhileItWorks()
    {
        var bodies = TestSecrets.OutboxBodies();
        await using (var db = _database.CreateContext())
        {
            var expired = new Mailer(db, bodies, new Microsoft.Extensions.Time.Testing.FakeTimeProvider(Long));
            expired.Queue("ada@example.com", EmailMessages.SignInCode("111111", TimeSpan.FromMinutes(10)));
            var fresh = new Mailer(db, bodies, new Microsoft.Extensions.Time.Testing.FakeTimeProvider(TestClock.Start.AddMinutes(-1)));
            fresh.Queue("ada@example.com", EmailMessages.SignInCode("222222", TimeSpan.FromMinutes(10)));
            await db.SaveChangesAsync();
        }

        await PruneAsync();

        await using var check = _database.CreateContext();
        var messages = await check.OutboxMessages.OrderBy(m => m.CreatedAt).ToListAsync();
        Assert.That(messages[0].HasBody, Is.False);
        Assert.That(bodies.Open(messages[1]), Does.Contain("222222"));
    }
}
