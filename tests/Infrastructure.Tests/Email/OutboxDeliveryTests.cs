using Auth.Domain.Email;
using Auth.Infrastructure.Email;
using Auth.Infrastructure.Persistence;
using Auth.TestCommon;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using MimeKit;

namespace Auth.Infrastructure.Tests.Email;

public sealed class OutboxDeliveryTests
{
    private SqliteTestDatabase _database = null!;
    private FakeTimeProvider _clock = null!;
    private ServiceProvider _services = null!;
    private Application.Email.OutboxBodies _bodies = null!;

    [SetUp]
    public void SetUp()
    {
        _database = new SqliteTestDatabase();
        _clock = TestClock.Create();
        _bodies = TestSecrets.OutboxBodies();
        _services = new ServiceCollection().AddScoped<AuthDbContext>(_ => _database.CreateContext()).BuildServiceProvider();
    }

    [TearDown]
    public async Task TearDown()
    {
        await _services.DisposeAsync();
        _database.Dispose();
    }

    private static IOptions<EmailOptions> Options(int port, int maxAttempts = 3) => Microsoft.Extensions.Options.Options.Create(new EmailOptions
    {
        Delivery = EmailDelivery.Smtp,
        From = "Auth <no-reply@auth.test>",
        Smtp = new SmtpOptions { Host = "127.0.0.1", Port = port, Security = SmtpSecurity.None, Timeout = TimeSpan.FromSeconds(5) },
        MaxAttempts = maxAttempts,
        RetryBaseDelay = TimeSpan.FromSeconds(10),
    });

    private OutboxDispatcher Dispatcher(IOptions<EmailOptions> options, IEmailTransport transport) =>
        new(_services.GetRequiredService<IServiceScopeFactory>(), transport, _bodies, options, _clock, NullLogger<OutboxDispatcher>.Instance);

    /// <summary>Queued as the service does (through the Mailer, so the body is encrypted); the code works 10 minutes.</summary>
    private async Task<Guid> QueueAsync(string body = "Your sign-in code is 424242")
    {
        await using var db = _database.CreateContext();
        new Application.Email.Mailer(db, _bodies, _clock)
            .Queue("ada@example.com", new Application.Email.EmailMessage("Your sign-in code", body, TimeSpan.FromMinutes(10)));
        await db.SaveChangesAsync();
        return db.OutboxMessages.Local.Single().Id;
    }

    private OutboxMessage Load(Guid id)
    {
        using var db = _database.CreateContext();
        return db.OutboxMessages.Single(m => m.Id == id);
    }

    [Test]
    public async Task Smtp_DeliversToARealServer_AndTheSentBodyIsRemovedFromTheOutbox()
    {
        await using var server = await AiosmtpdServer.StartAsync();
        var options = Options(server.Port);
        var id = await QueueAsync();

        var sent = await Dispatcher(options, new SmtpEmailTransport(options)).DispatchOnceAsync(CancellationToken.None);

        Assert.That(sent, Is.EqualTo(1));
        var received = server.Received().Single();
        Assert.Multiple(() =>
        {
            Assert.That(received.Subject, Is.EqualTo("Your sign-in code"));
            Assert.That(received.To.Mailboxes.Single().Address, Is.EqualTo("ada@example.com"));
            Assert.That(received.From.Mailboxes.Single().Address, Is.EqualTo("no-reply@auth.test"));
            Assert.That(received.TextBody, Does.Contain("424242"));
            Assert.That(Load(id).Status, Is.EqualTo(OutboxStatus.Sent));
            Assert.That(Load(id).HasBody, Is.False, "the sent body is erased");
        });
    }

    [Test]
    public async Task Smtp_WhenTheServerIsDown_RetriesWithBackoff_ThenKeepsTheMessageAsDead_AndLosesNothing()
    {
        var port = AiosmtpdServer.FreePort();
        var options = Options(port, maxAttempts: 3);
        var dispatcher = Dispatcher(options, new SmtpEmailTransport(options));
        var id = await QueueAsync();

        await dispatcher.DispatchOnceAsync(CancellationToken.None);
        Assert.That(Load(id).Status, Is.EqualTo(OutboxStatus.Retrying));
        Assert.That(Load(id).NextAttemptAt, Is.EqualTo(_clock.GetUtcNow().AddSeconds(10)));

        await dispatcher.DispatchOnceAsync(CancellationToken.None);
        Assert.That(Load(id).Attempts, Is.EqualTo(1), "not due again before the backoff");

        _clock.Advance(TimeSpan.FromSeconds(10));
        await dispatcher.DispatchOnceAsync(CancellationToken.None);
        Assert.That(Load(id).Attempts, Is.EqualTo(2));
        Assert.That(Load(id).NextAttemptAt, Is.EqualTo(_clock.GetUtcNow().AddSeconds(20)), "the delay doubles");

        _clock.Advance(TimeSpan.FromSeconds(20));
        await dispatcher.DispatchOnceAsync(CancellationToken.None);
        var dead = Load(id);
        Assert.Multiple(() =>
        {
            Assert.That(dead.Status, Is.EqualTo(OutboxStatus.Dead));
            Assert.That(dead.Attempts, Is.EqualTo(3));
            Assert.That(dead.LastError, Does.Contain("Exception"));
            Assert.That(_bodies.Open(dead), Does.Contain("424242"), "a dead message keeps its body for a retry while the code works");
        });

        _clock.Advance(TimeSpan.FromHours(1));
        Assert.That(await dispatcher.DispatchOnceAsync(CancellationToken.None), Is.Zero, "a dead message is not retried by itself");
    }

    [Test]
    public async Task TheBody_IsStoredOnlyEncrypted_BoundToItsMessage()
    {
        var id = await QueueAsync("Your sign-in code is 424242");

        var stored = Load(id);
        Assert.That(System.Text.Encoding.UTF8.GetString(stored.BodyCiphertext!), Does.Not.Contain("424242"));
        Assert.That(_bodies.Open(stored), Is.EqualTo("Your sign-in code is 424242"));
    }

    [Test]
    public async Task AMessageWhoseCodeExpiredBeforeDelivery_IsNotSent_AndItsBodyIsErased()
    {
        var options = Options(AiosmtpdServer.FreePort());
        var id = await QueueAsync();

        _clock.Advance(TimeSpan.FromMinutes(10));
        var sent = await Dispatcher(options, new SmtpEmailTransport(options)).DispatchOnceAsync(CancellationToken.None);

        Assert.That(sent, Is.Zero);
        Assert.That(Load(id).Status, Is.EqualTo(OutboxStatus.Dead));
        Assert.That(Load(id).HasBody, Is.False);
    }

    [Test]
    public async Task ADeadMessage_Requeued_IsDeliveredOnceTheServerIsBack()
    {
        var options = Options(AiosmtpdServer.FreePort(), maxAttempts: 1);
        var id = await QueueAsync();
        await Dispatcher(options, new SmtpEmailTransport(options)).DispatchOnceAsync(CancellationToken.None);
        Assert.That(Load(id).Status, Is.EqualTo(OutboxStatus.Dead));

        await using var server = await AiosmtpdServer.StartAsync();
        await using (var db = _database.CreateContext())
        {
            db.OutboxMessages.Single(m => m.Id == id).Requeue(_clock.GetUtcNow());
            await db.SaveChangesAsync();
        }

        var working = Options(server.Port);
        Assert.That(await Dispatcher(working, new SmtpEmailTransport(working)).DispatchOnceAsync(CancellationToken.None), Is.EqualTo(1));
        Assert.That(server.Received().Single().TextBody, Does.Contain("424242"));
    }

    [Test]
    public async Task Pickup_WritesAnRfc5322File_PerMessage()
    {
        var root = Path.Combine(Path.GetTempPath(), "auth-pickup", Guid.NewGuid().ToString("N"));
        var options = Microsoft.Extensions.Options.Options.Create(new EmailOptions { PickupDirectory = "mail" });
        var transport = new PickupDirectoryEmailTransport(options, new Environment(root));
        await QueueAsync("first 111111");
        await QueueAsync("second 222222");

        Assert.That(await Dispatcher(options, transport).DispatchOnceAsync(CancellationToken.None), Is.EqualTo(2));

        var files = Directory.GetFiles(Path.Combine(root, "mail"), "*.eml");
        var bodies = files.Select(f => MimeMessage.Load(f).TextBody).ToList();
        Assert.That(files, Has.Length.EqualTo(2));
        Assert.That(bodies, Has.Some.Contains("111111").And.Some.Contains("222222"));
        Assert.That(Directory.GetFiles(Path.Combine(root, "mail"), "*.tmp"), Is.Empty);
    }

    private sealed class Environment(string root) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "Testing";

        public string ApplicationName { get; set; } = "Auth.Tests";

        public string ContentRootPath { get; set; } = root;

        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
