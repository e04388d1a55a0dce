using Auth.Application.Accounts;
using Auth.Application.Audit;
using Auth.Application.Common.Exceptions;
using Auth.Application.Common.Interfaces;
using Auth.Application.Common.Models;
using Auth.Application.Email;
using Auth.Application.KnownDevices;
using Auth.Application.Sessions;
using Auth.Application.SignIn.Attempts;
using Auth.Application.SignIn.Completion;
using Auth.Application.SignIn.Login;
using Auth.Application.Tfa.Common;
using Auth.Domain.Sessions;
using Auth.Domain.Tfa;
using Auth.Domain.Users;
using Auth.TestCommon;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Options;
using Moq;

namespace Auth.Application.UnitTests.SignIn.Login;

public sealed class LoginCommandHandlerTests
{
    private SqliteTestDatabase _database = null!;
    private Mock<IPasswordHasher> _hasher = null!;
    private Mock<IAccessTokenIssuer> _issuer = null!;
    private Mock<IPreTfaTokenIssuer> _preTfaIssuer = null!;

    [SetUp]
    public void SetUp()
    {
        _database = new SqliteTestDatabase();
        _hasher = new Mock<IPasswordHasher>(MockBehavior.Strict);
        _hasher.Setup(h => h.TryReserve()).Returns(Mock.Of<IDisposable>());
        _issuer = new Mock<IAccessTokenIssuer>();
        _issuer.Setup(i => i.Issue(It.IsAny<User>(), It.IsAny<Session>())).Returns(new IssuedAccessToken("jwt", TestClock.Start));
        _issuer.SetupGet(i => i.Lifetime).Returns(TimeSpan.FromMinutes(10));
        _preTfaIssuer = new Mock<IPreTfaTokenIssuer>();
        _preTfaIssuer.Setup(i => i.Issue(It.IsAny<User>(), It.IsAny<TfaChallenge>())).Returns("pre-tfa-jwt");
        _preTfaIssuer.SetupGet(i => i.Lifetime).Returns(TimeSpan.FromMinutes(5));
    }

    [TearDown]
    public void TearDown() => _database.Dispose();

    internal static AuditTrail Audit(IAuthDbContext db, TimeProvider time)
    {
        var request = new Mock<IRequestContext>();
        request.SetupGet(r => r.Caller).Returns(new CallerContext("agent", "127.0.0.1"));
        return new AuditTrail(db, request.Object, time, Microsoft.Extensions.Logging.Abstractions.NullLogger<AuditTrail>.Instance);
    }

    private async Task<User> SeedUserAsync(string hash = "$stored")
    {
        await using var db = _database.CreateContext();
        var user = User.Register(EmailAddress.Create("ada@example.com"), "Ada", hash, TestClock.Start);
        user.VerifyEmail(TestClock.Start);
        db.Users.Add(user);
        await db.SaveChangesAsync();
        return user;
    }

    private async Task<Domain.Common.Result<LoginResult>> LoginAsync(string email, string password, params IInterceptor[] interceptors)
    {
        await using var db = _database.CreateContext(interceptors);
        var time = TestClock.Create();
        var tfaOptions = Options.Create(new TfaOptions());
        var codeHasher = new Mock<ISecretHasher>();
        codeHasher.Setup(h => h.Hash(It.IsAny<string>())).Returns(new KeyedHash("k", new byte[32]));
        var emailCodes = new EmailCodeService(db, codeHasher.Object, new Mailer(db, TestSecrets.OutboxBodies(), time), tfaOptions, time);
        var backupTokens = new BackupTokenService(db, codeHasher.Object, tfaOptions, time);
        var knownDevices = new KnownDeviceRegistry(db, tfaOptions, time);
        var audit = Audit(db, time);
        var sessions = new SignInCompletion(db, _issuer.Object, knownDevices, audit, Options.Create(new SessionOptions()), time);
        var signIns = new SignInAttempts(
            db, new SignInThrottler(db, Options.Create(new ThrottleOptions()), time), _hasher.Object, audit, new SecondFactorLock(new AccountTokens(db, time), new Mailer(db, TestSecrets.OutboxBodies(), time), Options.Create(new AccountOptions())), sessions, tfaOptions);
        var handler = new LoginCommandHandler(
            db, _hasher.Object, signIns, new SignInPolicy(Options.Create(new AccountOptions())), knownDevices, emailCodes, backupTokens, _preTfaIssuer.Object, tfaOptions, time);
        return await handler.Handle(new LoginCommand(email, password, new CallerContext("agent", "127.0.0.1")), CancellationToken.None);
    }

    /// <summary>
    /// After its try is counted and the password checked, a password sign-in writes once: the session, the refresh
    /// token, the audit event, the last login and the counter's reset in one transaction.
    /// </summary>
    [Test]
    public async Task Handle_WhenPasswordIsRight_WritesOnceAfterTheCheck()
    {
        await SeedUserAsync();
        var writes = new WriteCounter();
        _hasher.Setup(h => h.VerifyAsync("$stored", "right", It.IsAny<CancellationToken>()))
            .Callback(writes.StartCounting).ReturnsAsync(PasswordVerification.Succeeded);

        var result = await LoginAsync("ada@example.com", "right", writes);

        Assert.That(result.IsSuccess, Is.True);
        Assert.That(writes.Counted, Is.EqualTo(1), string.Join("\n", writes.Statements));
        await using var db = _database.CreateContext();
        Assert.That(db.SignInThrottles.Single().ConsecutiveFailures, Is.Zero, "the counter started again in that write");
    }

    /// <summary>Write units: a statement that commits on its own, or a transaction's commit (its statements with it).</summary>
    private sealed class WriteCounter : DbCommandInterceptor, IDbTransactionInterceptor
    {
        private bool _counting;

        public int Counted { get; private set; }

        public List<string> Statements { get; } = [];

        public void StartCounting() => _counting = true;

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
            System.Data.Common.DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            Record(command);
            return base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);
        }

        public override ValueTask<InterceptionResult<System.Data.Common.DbDataReader>> ReaderExecutingAsync(
            System.Data.Common.DbCommand command, CommandEventData eventData, InterceptionResult<System.Data.Common.DbDataReader> result,
            CancellationToken cancellationToken = default)
        {
            Record(command);
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }

        public Task TransactionCommittedAsync(System.Data.Common.DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            if (_counting)
            {
                Counted++;
                Statements.Add("COMMIT");
            }

            return Task.CompletedTask;
        }

        private void Record(System.Data.Common.DbCommand command)
        {
            var text = command.CommandText.TrimStart();
            var writes = text.StartsWith("INSERT", StringComparison.OrdinalIgnoreCase) || text.StartsWith("UPDATE", StringComparison.OrdinalIgnoreCase)
                || text.StartsWith("DELETE", StringComparison.OrdinalIgnoreCase);
            if (_counting && writes)
            {
                Statements.Add(text.Split('\n')[0]);
                if (command.Transaction is null)
                {
                    Counted++;
                }
            }
        }
    }

    [Test]
    public async Task Handle_WhenEmailIsUnknown_SpendsADummyVerification_AndReturnsInvalidCredentials()
    {
        _hasher.Setup(h => h.SimulateVerifyAsync("pw", It.IsAny<CancellationToken>())).Returns(Task.CompletedTask);

        var result = await LoginAsync("nobody@example.com", "pw");

        Assert.That(result.Error, Is.EqualTo(UserErrors.InvalidCredentials));
        _hasher.Verify(h => h.SimulateVerifyAsync("pw", It.IsAny<CancellationToken>()), Times.Once);
    }

    [Test]
    public async Task Handle_WhenPasswordIsWrong_ReturnsInvalidCredentials_AndOpensNoSession()
    {
        await SeedUserAsync();
        _hasher.Setup(h => h.VerifyAsync("$stored", "wrong", It.IsAny<CancellationToken>())).ReturnsAsync(PasswordVerification.Failed);

        var result = await LoginAsync("ada@example.com", "wrong");

        Assert.That(result.Error, Is.EqualTo(UserErrors.InvalidCredentials));
        await using var db = _database.CreateContext();
        Assert.That(db.Sessions.Count(), Is.Zero);
    }

    [Test]
    public async Task Handle_WhenPasswordIsRight_OpensASessionWithAHashedRefreshToken()
    {
        var user = await SeedUserAsync();
        _hasher.Setup(h => h.VerifyAsync("$stored", "right", It.IsAny<CancellationToken>())).ReturnsAsync(PasswordVerification.Succeeded);

        var result = await LoginAsync("ADA@example.com", "right");

        Assert.That(result.IsSuccess, Is.True);
        await using var db = _database.CreateContext();
        var session = db.Sessions.Single();
        var stored = db.RefreshTokens.Single();
        Assert.Multiple(() =>
        {
            Assert.That(session.UserId, Is.EqualTo(user.Id));
            Assert.That(session.AuthenticationMethods, Is.EqualTo("pwd"));
            Assert.That(stored.TokenHash, Is.EqualTo(global::Auth.Application.Common.Security.OpaqueToken.HashOf(result.Value.SignedIn!.Tokens!.RefreshToken)));
            Assert.That(db.Users.Single().LastLoginAt, Is.EqualTo(TestClock.Start));
        });
    }

    [Test]
    public async Task Handle_WhenNoHashingCapacityIsLeft_RefusesBusy_BeforeTouchingTheDatabase()
    {
        await SeedUserAsync();
        _hasher.Setup(h => h.TryReserve()).Returns((IDisposable?)null);

        Assert.ThrowsAsync<ServiceBusyException>(() => LoginAsync("ada@example.com", "right"));

        await using var db = _database.CreateContext();
        Assert.That(db.SignInThrottles.Count(), Is.Zero);
        Assert.That(db.AuditEvents.Count(), Is.Zero);
    }

    [Test]
    public async Task Handle_WhenTheHashingQueueFillsUpMeanwhile_GivesTheTryBack_SoFloodsCannotThrottleTheAccount()
    {
        await SeedUserAsync();
        _hasher.Setup(h => h.VerifyAsync("$stored", "right", It.IsAny<CancellationToken>())).ThrowsAsync(new ServiceBusyException());

        for (var i = 0; i < 10; i++)
        {
            Assert.ThrowsAsync<ServiceBusyException>(() => LoginAsync("ada@example.com", "right"));
        }

        await using var db = _database.CreateContext();
        Assert.That(db.SignInThrottles.Sum(t => t.ConsecutiveFailures), Is.Zero);
        Assert.That(db.Sessions.Count(), Is.Zero);
    }

    [Test]
    public async Task Handle_WhenPasswordIsWrong_CountsAFailedSignIn()
    {
        await SeedUserAsync();
        _hasher.Setup(h => h.VerifyAsync("$stored", "wrong", It.IsAny<CancellationToken>())).ReturnsAsync(PasswordVerification.Failed);

        await LoginAsync("ada@example.com", "wrong");
        await LoginAsync("ada@example.com", "wrong");

        await using var db = _database.CreateContext();
        Assert.That(db.SignInThrottles.Single().ConsecutiveFailures, Is.EqualTo(2));
        Assert.That(db.AuditEvents.Count(e => e.Type == "login.failed" && e.Reason == "invalid_password"), Is.EqualTo(2));
    }

    [Test]
    public async Task Handle_ForAUserWithAnEmailDevice_AsksForTheSecondFactor_AndQueuesACode_WithoutOpeningASession()
    {
        var user = await SeedUserAsync();
        await using (var db = _database.CreateContext())
        {
            var device = Device.EnrollEmail(user.Id, TestClock.Start);
            device.Activate(TestClock.Start);
            db.Devices.Add(device);
            await db.SaveChangesAsync();
        }

        _hasher.Setup(h => h.VerifyAsync("$stored", "right", It.IsAny<CancellationToken>())).ReturnsAsync(PasswordVerification.Succeeded);

        var result = await LoginAsync("ada@example.com", "right");

        Assert.That(result.Value.SignedIn, Is.Null);
        Assert.That(result.Value.Tfa!.PreTfaToken, Is.EqualTo("pre-tfa-jwt"));
        Assert.That(result.Value.Tfa.DeviceType, Is.EqualTo(DeviceType.Email));
        await using var check = _database.CreateContext();
        Assert.Multiple(() =>
        {
            Assert.That(check.Sessions.Count(), Is.Zero);
            Assert.That(check.TfaChallenges.Single().EmailCodesSent, Is.EqualTo(1));
            Assert.That(check.EmailCodes.Single().Purpose, Is.EqualTo(EmailCodePurpose.SignIn));
            Assert.That(check.OutboxMessages.Single().Subject, Is.EqualTo("Your sign-in code"));
        });
    }

    [Test]
    public async Task Handle_WhenTheStoredHashIsWeak_StoresAFreshHash()
    {
        await SeedUserAsync("$weak");
        _hasher.Setup(h => h.VerifyAsync("$weak", "right", It.IsAny<CancellationToken>())).ReturnsAsync(PasswordVerification.SucceededRehashNeeded);
        _hasher.Setup(h => h.HashAsync("right", It.IsAny<CancellationToken>())).ReturnsAsync("$strong");

        var result = await LoginAsync("ada@example.com", "right");

        Assert.That(result.IsSuccess, Is.True);
        await using var db = _database.CreateContext();
        Assert.That(db.Users.Single().PasswordHash, Is.EqualTo("$strong"));
    }

    [Test]
    public async Task Handle_WhenTheStoredHashIsWeak_ButHashingIsBusy_SignsInAndKeepsTheOldHashForNextTime()
    {
        await SeedUserAsync("$weak");
        _hasher.Setup(h => h.VerifyAsync("$weak", "right", It.IsAny<CancellationToken>())).ReturnsAsync(PasswordVerification.SucceededRehashNeeded);
        _hasher.Setup(h => h.HashAsync("right", It.IsAny<CancellationToken>())).ThrowsAsync(new ServiceBusyException());

        var result = await LoginAsync("ada@example.com", "right");

        Assert.That(result.IsSuccess, Is.True);
        await using var db = _database.CreateContext();
        Assert.That(db.Users.Single().PasswordHash, Is.EqualTo("$weak"));
        Assert.That(db.SignInThrottles.Sum(t => t.ConsecutiveFailures), Is.Zero);
    }
}
