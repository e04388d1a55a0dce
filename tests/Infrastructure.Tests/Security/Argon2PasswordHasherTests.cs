using Auth.Application.Common.Exceptions;
using Auth.Application.Common.Interfaces;
using Auth.Infrastructure.Security.Passwords;
using Microsoft.Extensions.Options;

namespace Auth.Infrastructure.Tests.Security;

[TestFixture(Argon2Engine.Native)]
[TestFixture(Argon2Engine.Managed)]
public sealed class Argon2PasswordHasherTests(Argon2Engine engine)
{
    // Reference vector (argon2 CLI / RFC 9106 implementation): "password", salt "somesalt", m=65536, t=2, p=1.
    private const string KnownAnswer = "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc";

    private Argon2PasswordHasher Hasher(Action<Argon2Options>? configure = null)
    {
        var options = new Argon2Options { Engine = engine, MemoryKiB = 1024, Iterations = 1 };
        configure?.Invoke(options);
        return new Argon2PasswordHasher(Options.Create(options));
    }

    [Test]
    public async Task Verify_ReproducesTheKnownAnswer()
    {
        using var hasher = Hasher(o => { o.MemoryKiB = 65536; o.Iterations = 2; });

        // It matches; the 8-byte reference salt is shorter than our 16-byte minimum, so a re-hash is also asked for.
        Assert.That(await hasher.VerifyAsync(KnownAnswer, "password", CancellationToken.None),
            Is.EqualTo(PasswordVerification.SucceededRehashNeeded));
        Assert.That(await hasher.VerifyAsync(KnownAnswer, "Password", CancellationToken.None), Is.EqualTo(PasswordVerification.Failed));
    }

    [Test]
    public void KnownAnswer_ParsesAndPrintsBackIdentically()
    {
        Assert.That(PhcArgon2Hash.TryParse(KnownAnswer, out var parsed), Is.True);
        Assert.That(parsed!.ToString(), Is.EqualTo(KnownAnswer));
        Assert.That(parsed.Salt, Is.EqualTo("somesalt"u8.ToArray()));
    }

    [Test]
    public async Task Hash_UsesThePhcFormatWithTheConfiguredParameters_AndARandomSalt()
    {
        using var hasher = Hasher(o => { o.MemoryKiB = 2048; o.Iterations = 3; });

        var first = await hasher.HashAsync("correct horse", CancellationToken.None);
        var second = await hasher.HashAsync("correct horse", CancellationToken.None);

        Assert.That(first, Does.StartWith("$argon2id$v=19$m=2048,t=3,p=1$"));
        Assert.That(PhcArgon2Hash.TryParse(first, out var parsed), Is.True);
        Assert.That(parsed!.Salt, Has.Length.EqualTo(16));
        Assert.That(parsed.Hash, Has.Length.EqualTo(32));
        Assert.That(second, Is.Not.EqualTo(first));
    }

    [Test]
    public async Task Verify_AcceptsTheRightPassword_AndRejectsAWrongOne()
    {
        using var hasher = Hasher();
        var hash = await hasher.HashAsync("correct horse", CancellationToken.None);

        Assert.That(await hasher.VerifyAsync(hash, "correct horse", CancellationToken.None), Is.EqualTo(PasswordVerification.Succeeded));
        Assert.That(await hasher.VerifyAsync(hash, "correct horsf", CancellationToken.None), Is.EqualTo(PasswordVerification.Failed));
    }

    [Test]
    public async Task Verify_NormalisesToNfkc_SoEquivalentFormsMatch()
    {
        using var hasher = Hasher();
        var hash = await hasher.HashAsync("caf\u00e9", CancellationToken.None);

        Assert.That(await hasher.VerifyAsync(hash, "cafe\u0301", CancellationToken.None), Is.EqualTo(PasswordVerification.Succeeded));
    }

    [Test]
    public async Task Verify_AHashWithWeakerParameters_AsksForARehash()
    {
        using var weak = Hasher(o => o.MemoryKiB = 1024);
        using var current = Hasher(o => o.MemoryKiB = 2048);
        var oldHash = await weak.HashAsync("correct horse", CancellationToken.None);

        Assert.That(await current.VerifyAsync(oldHash, "correct horse", CancellationToken.None),
            Is.EqualTo(PasswordVerification.SucceededRehashNeeded));
        Assert.That(await current.VerifyAsync(oldHash, "wrong", CancellationToken.None), Is.EqualTo(PasswordVerification.Failed));
    }

    [TestCase("")]
    [TestCase("plaintext")]
    [TestCase("$argon2i$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc")]
    [TestCase("$argon2id$v=19$m=0,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc")]
    [TestCase("$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ")]
    public async Task Verify_AMalformedHash_Fails(string stored)
    {
        using var hasher = Hasher();

        Assert.That(await hasher.VerifyAsync(stored, "password", CancellationToken.None), Is.EqualTo(PasswordVerification.Failed));
    }

    [Test]
    public async Task Hashing_BeyondTheGateAndItsQueue_FailsFastWithServiceBusy()
    {
        // One slot, no queue, and hashes slow enough (64 MiB, t=3) that parallel callers overlap.
        using var hasher = Hasher(o => { o.MaxConcurrency = 1; o.QueueLimit = 0; o.MemoryKiB = 65536; o.Iterations = 3; });

        var attempts = Enumerable.Range(0, 6).Select(_ => Task.Run(() => hasher.HashAsync("pw", CancellationToken.None))).ToList();
        var outcomes = await Task.WhenAll(attempts.Select(async t =>
        {
            try
            {
                await t;
                return "ok";
            }
            catch (ServiceBusyException ex)
            {
                Assert.That(ex.RetryAfter, Is.GreaterThan(TimeSpan.Zero));
                return "busy";
            }
        }));

        Assert.That(outcomes, Does.Contain("ok"));
        Assert.That(outcomes, Does.Contain("busy"));
    }
}
