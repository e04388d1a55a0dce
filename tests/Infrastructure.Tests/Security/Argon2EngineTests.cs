using System.Security.Cryptography;
using System.Text;
using Auth.Application.Common.Interfaces;
using Auth.Infrastructure.Security.Passwords;
using Microsoft.Extensions.Options;

namespace Auth.Infrastructure.Tests.Security;

/// <summary>The native (libargon2, libsodium) and managed (Konscious) engines are the same function: known answers and cross-checks.</summary>
public sealed class Argon2EngineTests
{
    // From the reference implementation's CLI (Debian's argon2 package), e.g.
    // `echo -n password | argon2 somesaltsomesalt -id -t 2 -m 16 -p 1 -l 32 -e`.
    private static readonly (string Password, string Phc)[] KnownAnswers =
    [
        ("password", "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$/DO3gTkjHTS3Fia9YkXB1y76GQrWBcPYFmpyrc7fosI"),
        ("correct horse battery staple", "$argon2id$v=19$m=1024,t=3,p=1$MDEyMzQ1Njc4OWFiY2RlZg$StO26niU7RBPFQoaSDusHY27/U/VT7ziPBtpbtLf8J4"),
        ("caf\u00e9", "$argon2id$v=19$m=4096,t=1,p=1$MDEyMzQ1Njc4OWFiY2RlZg$P7dvPTnPNb+MREdMj+8t0g"),
    ];

    // Four lanes: libsodium cannot compute it, so the native configuration must hand it to the managed engine.
    private const string FourLanes = "$argon2id$v=19$m=65536,t=2,p=4$c29tZXNhbHRzb21lc2FsdA$72jmXzYpv/28yBx0iMOh0ZS3aKMtsaKFdaTWddug2g8";

    // tests/run installs Debian's libargon2-1, so the system library is tested wherever the suite runs.
    private static IEnumerable<IArgon2Engine> Engines() => [.. NativeEngines(), new ManagedArgon2Engine()];

    private static IEnumerable<IArgon2Engine> NativeEngines() => [LibArgon2(), new NativeArgon2Engine()];

    private static LibArgon2Engine LibArgon2() =>
        LibArgon2Engine.TryCreate() ?? throw new InvalidOperationException("libargon2 is not installed (apt-get install libargon2-1)");

    [TestCaseSource(nameof(Engines))]
    public void Derive_ReproducesTheReferenceImplementationsKnownAnswers(IArgon2Engine engine)
    {
        foreach (var (password, phc) in KnownAnswers)
        {
            Assert.That(PhcArgon2Hash.TryParse(phc, out var expected), Is.True);
            var output = new byte[expected!.Hash.Length];

            engine.Derive(Encoding.UTF8.GetBytes(password), expected.Salt, expected.MemoryKiB, expected.Iterations, expected.Parallelism, output);

            Assert.That(output, Is.EqualTo(expected.Hash), phc);
        }
    }

    [Test]
    public void TheNativeConfiguration_UsesLibArgon2_WhereTheMachineHasIt() =>
        Assert.That(Argon2PasswordHasher.NativeEngine(), Is.TypeOf<LibArgon2Engine>());

    [Test]
    public void LibArgon2_ComputesWhatLibsodiumCannot_AsTheManagedEngineDoes()
    {
        var four = PhcArgon2Hash.TryParse(FourLanes, out var expected) ? expected! : throw new InvalidOperationException();
        var output = new byte[four.Hash.Length];

        LibArgon2().Derive(Encoding.UTF8.GetBytes("password"), four.Salt, four.MemoryKiB, four.Iterations, four.Parallelism, output);

        Assert.That(output, Is.EqualTo(four.Hash));
    }

    [TestCaseSource(nameof(NativeEngines))]
    public void EveryNativeEngine_DerivesTheManagedEnginesBytes_ForRandomPasswordsSaltsAndCosts(IArgon2Engine engine)
    {
        var native = engine;
        var managed = new ManagedArgon2Engine();
        for (var i = 0; i < 24; i++)
        {
            var password = RandomNumberGenerator.GetBytes(RandomNumberGenerator.GetInt32(1, 80)); // Konscious refuses an empty password
            var salt = RandomNumberGenerator.GetBytes(16);
            var memoryKiB = RandomNumberGenerator.GetInt32(8, 2048);
            var iterations = RandomNumberGenerator.GetInt32(1, 4);
            var length = RandomNumberGenerator.GetInt32(16, 65);
            var fromNative = new byte[length];
            var fromManaged = new byte[length];

            native.Derive(password, salt, memoryKiB, iterations, 1, fromNative);
            managed.Derive(password, salt, memoryKiB, iterations, 1, fromManaged);

            Assert.That(fromNative, Is.EqualTo(fromManaged), $"m={memoryKiB}, t={iterations}, {password.Length}-byte password, {length}-byte output");
        }
    }

    [TestCase(Argon2Engine.Native, Argon2Engine.Managed)]
    [TestCase(Argon2Engine.Managed, Argon2Engine.Native)]
    public async Task AHashFromOneEngine_VerifiesWithTheOther_AndAWrongPasswordFailsWithBoth(Argon2Engine hashedBy, Argon2Engine verifiedBy)
    {
        using var hashing = Hasher(hashedBy);
        using var verifying = Hasher(verifiedBy);
        for (var i = 0; i < 8; i++)
        {
            var password = Convert.ToBase64String(RandomNumberGenerator.GetBytes(RandomNumberGenerator.GetInt32(1, 40)));
            var hash = await hashing.HashAsync(password, CancellationToken.None);

            Assert.That(await verifying.VerifyAsync(hash, password, CancellationToken.None), Is.EqualTo(PasswordVerification.Succeeded));
            Assert.That(await verifying.VerifyAsync(hash, password + "x", CancellationToken.None), Is.EqualTo(PasswordVerification.Failed));
        }
    }

    [Test]
    public async Task TheNativeConfiguration_StillVerifiesHashesLibsodiumCannotCompute()
    {
        using var hasher = Hasher(Argon2Engine.Native, memoryKiB: 65536, iterations: 2);

        // Four lanes: libargon2 computes them where it is installed, the managed engine where only libsodium is.
        Assert.That(await hasher.VerifyAsync(FourLanes, "password", CancellationToken.None), Is.EqualTo(PasswordVerification.Succeeded));
        Assert.That(await hasher.VerifyAsync(FourLanes, "passwort", CancellationToken.None), Is.EqualTo(PasswordVerification.Failed));
        Assert.That(new NativeArgon2Engine().Supports(parallelism: 4, saltLength: 16), Is.False);
        Assert.That(new NativeArgon2Engine().Supports(parallelism: 1, saltLength: 8), Is.False);
    }

    private static Argon2PasswordHasher Hasher(Argon2Engine engine, int memoryKiB = 512, int iterations = 1) =>
        new(Options.Create(new Argon2Options { Engine = engine, MemoryKiB = memoryKiB, Iterations = iterations }));
}
