using Auth.Application.Accounts;
using Auth.Application.Common.Exceptions;
using Auth.Application.Common.Interfaces;
using Auth.Application.Email;
using Auth.Application.KnownDevices;
using Auth.Application.Sessions;
using Auth.Application.SignIn.Attempts;
using Auth.Application.SignIn.Completion;
using Auth.Application.Tfa.Common;
using Auth.Application.UnitTests.SignIn.Login;
using Auth.TestCommon;
using Microsoft.Extensions.Options;
using Moq;

namespace Auth.Application.UnitTests.SignIn;

/// <summary>A check that never ran because hashing was busy is no try: it must not count toward the throttle.</summary>
public sealed class SignInAttemptTests
{
    private SqliteTestDatabase _database = null!;

    [SetUp]
    public void SetUp() => _database = new SqliteTestDatabase();

    [TearDown]
    public void TearDown() => _database.Dispose();

    [Test]
    public async Task CheckPassword_RefusedForBusyHashing_GivesTheTryBack()
    {
        var hasher = new Mock<IPasswordHasher>();
        hasher.Setup(h => h.VerifyAsync("$stored", "pw", It.IsAny<CancellationToken>())).ThrowsAsync(new ServiceBusyException());

        await RunAsync(hasher.Object, attempt => attempt.CheckPasswordAsync("$stored", "pw", CancellationToken.None));

        Assert.That(await FailuresAsync(), Is.Zero);
    }

    [Test]
    public async Task HashNewPassword_RefusedForBusyHashing_GivesTheTryBack()
    {
        var hasher = new Mock<IPasswordHasher>();
        hasher.Setup(h => h.HashAsync("new password", It.IsAny<CancellationToken>())).ThrowsAsync(new ServiceBusyException());

        await RunAsync(hasher.Object, attempt => attempt.HashNewPasswordAsync("new password", CancellationToken.None));

        Assert.That(await FailuresAsync(), Is.Zero);
    }

    [Test]
    public async Task AnAttemptThatIsNeitherFinishedNorRefused_StaysCounted()
    {
        var hasher = new Mock<IPasswordHasher>();
        hasher.Setup(h => h.VerifyAsync("$stored", "pw", It.IsAny<CancellationToken>())).ReturnsAsync(PasswordVerification.Failed);

        await using (var db = _database.CreateContext())
        {
            var attempt = (await Attempts(db, hasher.Object).BeginAsync("ada@example.com", null, "login.failed", CancellationToken.None)).Value!;
            Assert.That(await attempt.CheckPasswordAsync("$stored", "pw", CancellationToken.None), Is.EqualTo(PasswordVerification.Failed));
        }

        Assert.That(await FailuresAsync(), Is.EqualTo(1));
    }

    private async Task RunAsync<T>(IPasswordHasher hasher, Func<SignInAttempt, Task<T>> act)
    {
        await using var db = _database.CreateContext();
        var attempt = (await Attempts(db, hasher).BeginAsync("ada@example.com", null, "login.failed", CancellationToken.None)).Value!;

        Assert.ThrowsAsync<ServiceBusyException>(() => act(attempt));
    }

    private static SignInAttempts Attempts(IAuthDbContext db, IPasswordHasher hasher)
    {
        var time = TestClock.Create();
        var tfaOptions = Options.Create(new TfaOptions());
        var audit = LoginCommandHandlerTests.Audit(db, time);
        var completion = new SignInCompletion(
            db, Mock.Of<IAccessTokenIssuer>(), new KnownDeviceRegistry(db, tfaOptions, time), audit, Options.Create(new SessionOptions()), time);
        return new SignInAttempts(db, new SignInThrottler(db, Options.Create(new ThrottleOptions()), time), hasher,
            audit, new SecondFactorLock(new AccountTokens(db, time), new Mailer(db, TestSecrets.OutboxBodies(), time), Options.Create(new AccountOptions())),
            completion, tfaOptions);
    }

    private async Task<int> FailuresAsync()
    {
        await using var db = _database.CreateContext();
        return db.SignInThrottles.Sum(t => t.ConsecutiveFailures);
    }
}
