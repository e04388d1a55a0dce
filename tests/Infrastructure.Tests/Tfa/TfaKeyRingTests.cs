using System.Security.Cryptography;
using Auth.Application.Common.Interfaces;
using Auth.Infrastructure.Security.Tfa;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Auth.Infrastructure.Tests.Tfa;

public sealed class TfaKeyRingTests
{
    private static TfaSecretKeyOptions NewKey(string id) => new() { KeyId = id, Key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) };

    private static TfaKeyRing Ring(string environment = "Production", params TfaSecretKeyOptions[] keys) =>
        new(Options.Create(new TfaSecretOptions { SecretKeys = [.. keys], DevelopmentKeyDirectory = Path.Combine(Path.GetTempPath(), "tfa-keys", Guid.NewGuid().ToString("N")) }),
            new Environment(environment), NullLogger<TfaKeyRing>.Instance);

    private static readonly string Context = SecretContexts.TotpSecret(Guid.NewGuid(), Guid.NewGuid());

    [Test]
    public void Unprotect_InAnotherContext_Fails_SoASecretCannotBeMovedToAnotherUserOrDevice()
    {
        var protector = new AesGcmSecretProtector(Ring(keys: NewKey("k1")));
        var stored = protector.Protect(RandomNumberGenerator.GetBytes(20), Context);

        Assert.That(() => protector.Unprotect(stored, SecretContexts.TotpSecret(Guid.NewGuid(), Guid.NewGuid())),
            Throws.InstanceOf<CryptographicException>());
    }

    [Test]
    public void Protect_ThenUnprotect_RoundTrips_AndCiphertextsDiffer()
    {
        var protector = new AesGcmSecretProtector(Ring(keys: NewKey("k1")));
        var secret = RandomNumberGenerator.GetBytes(20);

        var first = protector.Protect(secret, Context);
        var second = protector.Protect(secret, Context);

        Assert.That(protector.Unprotect(first, Context), Is.EqualTo(secret));
        Assert.That(first.KeyId, Is.EqualTo("k1"));
        Assert.That(second.Ciphertext, Is.Not.EqualTo(first.Ciphertext), "a fresh nonce every time");
        Assert.That(first.Ciphertext.AsSpan().IndexOf(secret), Is.EqualTo(-1), "the plaintext does not appear");
    }

    [Test]
    public void AfterRotation_OldSecretsStillDecrypt_AndNewOnesUseTheNewKey()
    {
        var oldKey = NewKey("2026-01");
        var secret = RandomNumberGenerator.GetBytes(20);
        var stored = new AesGcmSecretProtector(Ring(keys: oldKey)).Protect(secret, Context);

        var rotated = new AesGcmSecretProtector(Ring("Production", NewKey("2026-06"), oldKey));

        Assert.That(rotated.Unprotect(stored, Context), Is.EqualTo(secret));
        Assert.That(rotated.Protect(secret, Context).KeyId, Is.EqualTo("2026-06"));
    }

    [Test]
    public void Unprotect_ATamperedCiphertext_Fails()
    {
        var protector = new AesGcmSecretProtector(Ring(keys: NewKey("k1")));
        var stored = protector.Protect(RandomNumberGenerator.GetBytes(20), Context);
        stored.Ciphertext[15] ^= 0x01;

        Assert.That(() => protector.Unprotect(stored, Context), Throws.InstanceOf<CryptographicException>());
    }

    [Test]
    public void Unprotect_UnderAnotherKeyId_Fails()
    {
        var protector = new AesGcmSecretProtector(Ring("Production", NewKey("k1"), NewKey("k2")));
        var stored = protector.Protect(RandomNumberGenerator.GetBytes(20), Context);

        Assert.That(() => protector.Unprotect(stored with { KeyId = "k2" }, Context), Throws.InstanceOf<CryptographicException>());
    }

    [Test]
    public void Hash_IsKeyed_AndMatchesInConstantTime()
    {
        var hasher = new HmacSecretHasher(Ring(keys: NewKey("k1")));
        var otherHasher = new HmacSecretHasher(Ring(keys: NewKey("k1")));

        var hash = hasher.Hash("123456");

        Assert.Multiple(() =>
        {
            Assert.That(hasher.Matches(hash, "123456"), Is.True);
            Assert.That(hasher.Matches(hash, "123457"), Is.False);
            Assert.That(otherHasher.Matches(hash, "123456"), Is.False, "another master key, another hash");
            Assert.That(hasher.Matches(new KeyedHash("unknown", hash.Hash), "123456"), Is.False);
        });
    }

    [Test]
    public void InProduction_WithoutKeys_RefusesToStart()
    {
        var error = Assert.Throws<ConfigurationException>(() => Ring());
        Assert.That(error!.Message, Does.Contain("Tfa:SecretKeys"));
    }

    [Test]
    public void AKeyOfTheWrongLength_IsRejected_WithoutEchoingIt()
    {
        var error = Assert.Throws<ConfigurationException>(() => Ring(keys: new TfaSecretKeyOptions { KeyId = "k", Key = "c2hvcnQ=" }));
        Assert.That(error!.Message, Does.Contain("32 bytes").And.Not.Contain("c2hvcnQ="));
    }

    [Test]
    public void OutsideProduction_WithoutKeys_GeneratesADevelopmentKey()
    {
        Assert.That(Ring("Development").CurrentKeyId, Is.EqualTo("development"));
    }

    private sealed class Environment(string name) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;

        public string ApplicationName { get; set; } = "Auth.Tests";

        public string ContentRootPath { get; set; } = Path.GetTempPath();

        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
