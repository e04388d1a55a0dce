using Auth.Application.Accounts;
using Auth.Application.Common.Interfaces;
using Auth.Application.Email;
using Auth.Application.Passkeys.Common;
using Auth.Application.Passkeys.RegisterPasskey;
using Auth.Application.Sessions;
using Auth.Application.SignIn.Binding;
using Auth.Domain.Passkeys;
using Auth.Domain.Sessions;
using Auth.Domain.Users;
using Auth.Infrastructure.Persistence;
using Auth.TestCommon;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Moq;

namespace Auth.Application.UnitTests.Passkeys;

/// <summary>What the framework's verifier leaves to the app: one account per credential, and a ceremony used once.</summary>
public sealed class RegisterPasskeyCommandHandlerTests
{
    private static readonly byte[] CredentialId = [7, 7, 7];

    private SqliteTestDatabase _database = null!;
    private FakeTimeProvider _clock = null!;
    private Mock<IPasskeyVerifier> _verifier = null!;

    [SetUp]
    public void CreateDatabase()
    {
        _database = new SqliteTestDatabase();
        _clock = TestClock.Create();
        _verifier = new Mock<IPasskeyVerifier>();
        _verifier.Setup(v => v.CredentialIdOf(It.IsAny<string>())).Returns(CredentialId);
        _verifier.Setup(v => v.VerifyRegistrationAsync(It.IsAny<string>(), "state", It.IsAny<CancellationToken>()))
            .ReturnsAsync(new AttestedPasskey(CredentialId, [1], 0, ["internal"], true, false, false));
    }

    [TearDown]
    public void DisposeDatabase() => _database.Dispose();

    [Test]
    public async Task ACredentialRegisteredToAnotherUser_IsRefused_AndNothingIsStored()
    {
        var owner = await SeedUserAsync("owner@example.com");
        await using (var db = _database.CreateContext())
        {
            db.Passkeys.Add(Passkey.Register(owner.Id, CredentialId, [1], "", 0, null, true, false, false, _clock.GetUtcNow()));
            await db.SaveChangesAsync();
        }

        var (user, session) = (await SeedUserAsync("other@example.com"), Guid.NewGuid());
        var ceremony = await BeginAsync(user, session);

        var result = await RegisterAsync(user, session, ceremony);

        Assert.That(result.Error, Is.EqualTo(PasskeyErrors.AlreadyRegistered));
        await using var check = _database.CreateContext();
        Assert.That(await check.Passkeys.CountAsync(p => p.UserId == user.Id), Is.Zero);
        Assert.That(await check.OutboxMessages.CountAsync(), Is.Zero);
    }

    [Test]
    public async Task ANewCredential_IsStoredOnce_AndTheCeremonyCannotBeUsedAgain()
    {
        var user = await SeedUserAsync("ada@example.com");
        var session = Guid.NewGuid();
        var ceremony = await BeginAsync(user, session);

        var first = await RegisterAsync(user, session, ceremony);
        var again = await RegisterAsync(user, session, ceremony);

        Assert.That(first.IsSuccess, Is.True);
        Assert.That(again.Error, Is.EqualTo(PasskeyErrors.CeremonyClosed));
        await using var check = _database.CreateContext();
        Assert.That(await check.Passkeys.CountAsync(p => p.UserId == user.Id), Is.EqualTo(1));
    }

    [Test]
    public async Task FromAPasswordOnlySession_ThePasskeyIsNotBound_AndItsEmailCarriesTheLinkThatBindsIt()
    {
        var user = await SeedUserAsync("grace@example.com");
        var session = await SeedSessionAsync(user, "pwd");
        var ceremony = await BeginAsync(user, session);

        var result = await RegisterAsync(user, session, ceremony);

        Assert.That(result.IsSuccess, Is.True);
        await using var check = _database.CreateContext();
        var passkey = await check.Passkeys.SingleAsync(p => p.UserId == user.Id);
        Assert.That(passkey.IsBound, Is.False);
        var link = await check.AccountTokens.SingleAsync(t => t.UserId == user.Id && t.Purpose == AccountTokenPurpose.FactorBinding);
        Assert.That(link.SubjectId, Is.EqualTo(passkey.Id));
        Assert.That((await check.OutboxMessages.SingleAsync()).Subject, Does.Contain("confirm it"));
    }

    [Test]
    public async Task FromASessionThatProvedASecondFactor_ThePasskeyIsBoundAtOnce()
    {
        var user = await SeedUserAsync("hopper@example.com");
        var session = await SeedSessionAsync(user, "pwd otp mfa");
        var ceremony = await BeginAsync(user, session);

        await RegisterAsync(user, session, ceremony);

        await using var check = _database.CreateContext();
        Assert.That((await check.Passkeys.SingleAsync(p => p.UserId == user.Id)).IsBound, Is.True);
        Assert.That(await check.AccountTokens.AnyAsync(t => t.Purpose == AccountTokenPurpose.FactorBinding), Is.False);
    }

    private async Task<Guid> SeedSessionAsync(User user, string methods)
    {
        await using var db = _database.CreateContext();
        var session = Session.Start(user.Id, methods.Split(' '), null, null, new byte[32], SessionLifetime.Default, _clock.GetUtcNow());
        db.Sessions.Add(session);
        await db.SaveChangesAsync();
        return session.Id;
    }

    private async Task<User> SeedUserAsync(string email)
    {
        await using var db = _database.CreateContext();
        var user = User.Register(EmailAddress.Create(email), "Ada", "hash", _clock.GetUtcNow());
        user.VerifyEmail(_clock.GetUtcNow());
        db.Users.Add(user);
        await db.SaveChangesAsync();
        return user;
    }

    private async Task<Guid> BeginAsync(User user, Guid session)
    {
        await using var db = _database.CreateContext();
        var started = Ceremonies(db).Begin(PasskeyCeremonyPurpose.Registration, user.Id, session, user.SecurityStamp, new CeremonyOptions("{}", "state"));
        await db.SaveChangesAsync();
        return started.CeremonyId;
    }

    private async Task<Domain.Common.Result<PasskeyDto>> RegisterAsync(User user, Guid session, Guid ceremony)
    {
        await using var db = _database.CreateContext();
        var audit = SignIn.Login.LoginCommandHandlerTests.Audit(db, _clock);
        var handler = new RegisterPasskeyCommandHandler(
            db, _verifier.Object, Ceremonies(db), Binding(db), audit, new Mailer(db, TestSecrets.OutboxBodies(), _clock), _clock);
        return await handler.Handle(new RegisterPasskeyCommand(new CurrentSession(user.Id, session), ceremony, "{}", "Laptop"), CancellationToken.None);
    }

    private FactorBinding Binding(AuthDbContext db) => new(
        db, new AccountTokens(db, _clock), Options.Create(new AccountOptions { PagesBase = "https://auth.example" }));

    private PasskeyCeremonies Ceremonies(AuthDbContext db) => new(db, Options.Create(new PasskeyOptions()), _clock);
}
