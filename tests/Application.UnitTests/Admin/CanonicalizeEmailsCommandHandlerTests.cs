using Auth.Application.Admin.Users.CanonicalizeEmails;
using Auth.Domain.Users;
using Auth.TestCommon;
using Microsoft.EntityFrameworkCore;

namespace Auth.Application.UnitTests.Admin;

/// <summary>The data migration for canonical addresses, on rows written the old way (upper-cased only), in real SQLite.</summary>
public sealed class CanonicalizeEmailsCommandHandlerTests
{
    private SqliteTestDatabase _database = null!;

    [SetUp]
    public async Task SeedTheOldWay()
    {
        _database = new SqliteTestDatabase();
        await using var db = _database.CreateContext();
        foreach (var email in new[] { "sam@example.com", "\uFF53am@example.com", "\uFF42ob@example.com", "dot@example.com.", "ada@example.com" })
        {
            var user = User.Register(EmailAddress.Create("placeholder@example.com"), "User", "hash", TestClock.Create().GetUtcNow());
            db.Users.Add(user);
            db.Entry(user).Property(u => u.Email).CurrentValue = email;
            db.Entry(user).Property(u => u.NormalizedEmail).CurrentValue = email.ToUpperInvariant();
            await db.SaveChangesAsync();
        }
    }

    [TearDown]
    public void DisposeDatabase() => _database.Dispose();

    [Test]
    public async Task RespellsWhatIsSafe_AndListsCollisionsAndInvalidAddresses_WithoutMergingAnything()
    {
        EmailCanonicalization report;
        await using (var db = _database.CreateContext())
        {
            report = (await new CanonicalizeEmailsCommandHandler(db).Handle(new CanonicalizeEmailsCommand(DryRun: false), CancellationToken.None)).Value;
        }

        Assert.Multiple(() =>
        {
            Assert.That(report.Examined, Is.EqualTo(5));
            Assert.That(report.Respelled, Is.EqualTo(1));
            Assert.That(report.Collisions.Single().Select(r => r.Email), Is.EquivalentTo(new[] { "sam@example.com", "\uFF53am@example.com" }));
            Assert.That(report.Invalid.Single().Email, Is.EqualTo("dot@example.com."));
        });
        await using var check = _database.CreateContext();
        var emails = await check.Users.Select(u => u.Email).ToListAsync();
        Assert.That(emails, Is.EquivalentTo(new[] { "sam@example.com", "\uFF53am@example.com", "bob@example.com", "dot@example.com.", "ada@example.com" }));
        Assert.That(await check.Users.SingleAsync(u => u.Email == "bob@example.com"), Has.Property(nameof(User.NormalizedEmail)).EqualTo("BOB@EXAMPLE.COM"));
    }

    [Test]
    public async Task ADryRun_WritesNothing()
    {
        await using (var db = _database.CreateContext())
        {
            var report = (await new CanonicalizeEmailsCommandHandler(db).Handle(new CanonicalizeEmailsCommand(DryRun: true), CancellationToken.None)).Value;
            Assert.That(report.Respelled, Is.EqualTo(1));
        }

        await using var check = _database.CreateContext();
        Assert.That(await check.Users.AnyAsync(u => u.Email == "bob@example.com"), Is.False);
    }
}
