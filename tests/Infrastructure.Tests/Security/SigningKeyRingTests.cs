using System.Security.Cryptography;
using System.Text.Json;
using Auth.Infrastructure.Security.Tokens;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Auth.Infrastructure.Tests.Security;

public sealed class SigningKeyRingTests
{
    private string _contentRoot = null!;

    [SetUp]
    public void CreateContentRoot()
    {
        _contentRoot = Path.Combine(Path.GetTempPath(), "auth-key-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_contentRoot);
    }

    [TearDown]
    public void DeleteContentRoot() => Directory.Delete(_contentRoot, recursive: true);

    private SigningKeyRing Ring(JwtOptions options, string environment = "Development") =>
        new(Options.Create(options), new Environment(environment, _contentRoot), NullLogger<SigningKeyRing>.Instance);

    [Test]
    public void ConfiguredPemFiles_AreLoaded_TheFirstSigns()
    {
        File.WriteAllText(Path.Combine(_contentRoot, "new.pem"), SigningKeyRing.CreatePem(SigningAlgorithms.ES256));
        var options = new JwtOptions
        {
            SigningKeys =
            [
                new SigningKeyOptions { KeyId = "2026-03", Algorithm = SigningAlgorithms.ES256, PemFile = "new.pem" },
                new SigningKeyOptions { KeyId = "2026-01", Algorithm = SigningAlgorithms.RS256, Pem = SigningKeyRing.CreatePem(SigningAlgorithms.RS256) },
            ],
        };

        var ring = Ring(options, "Production");

        Assert.That(ring.Keys.Select(k => k.Key.KeyId), Is.EqualTo(new[] { "2026-03", "2026-01" }));
        Assert.That(ring.Current.Algorithm, Is.EqualTo(SigningAlgorithms.ES256));
    }

    [Test]
    public void InProduction_WithoutKeys_RefusesToStart_NamingTheSetting()
    {
        var error = Assert.Throws<ConfigurationException>(() => Ring(new JwtOptions(), "Production"));

        Assert.That(error!.Message, Does.Contain("Jwt:SigningKeys"));
    }

    [Test]
    public void OutsideProduction_WithoutKeys_GeneratesOneKey_AndReusesItOnTheNextStart()
    {
        var options = new JwtOptions { DevelopmentKeyDirectory = "keys" };

        var first = Ring(options);
        var second = Ring(options);

        Assert.That(Directory.GetFiles(Path.Combine(_contentRoot, "keys")), Has.Length.EqualTo(1));
        Assert.That(second.Current.Key.KeyId, Is.EqualTo(first.Current.Key.KeyId));
    }

    [Test]
    public void ARsaKeyShorterThan2048Bits_IsRejected()
    {
        using var rsa = RSA.Create(1024);
        var options = new JwtOptions { SigningKeys = [new SigningKeyOptions { Pem = rsa.ExportPkcs8PrivateKeyPem() }] };

        var error = Assert.Throws<ConfigurationException>(() => Ring(options));
        Assert.That(error!.Message, Does.Contain("2048"));
    }

    [Test]
    public void AnUnreadableKey_FailsWithoutPrintingTheKeyMaterial()
    {
        var options = new JwtOptions { SigningKeys = [new SigningKeyOptions { Pem = "-----BEGIN PRIVATE KEY-----\nc2VjcmV0\n-----END PRIVATE KEY-----" }] };

        var error = Assert.Throws<ConfigurationException>(() => Ring(options));
        Assert.That(error!.Message, Does.Contain("Jwt:SigningKeys:0").And.Not.Contain("c2VjcmV0"));
    }

    [TestCase(SigningAlgorithms.RS256, "RSA", new[] { "n", "e" })]
    [TestCase(SigningAlgorithms.ES256, "EC", new[] { "crv", "x", "y" })]
    public void Jwks_PublishesOnlyPublicParameters(string algorithm, string kty, string[] publicMembers)
    {
        var options = new JwtOptions { SigningKeys = [new SigningKeyOptions { KeyId = "k1", Algorithm = algorithm, Pem = SigningKeyRing.CreatePem(algorithm) }] };

        var json = JsonSerializer.SerializeToElement(JsonWebKeySetDocument.From(Ring(options)));
        var key = json.GetProperty("keys")[0];
        var members = key.EnumerateObject().Select(p => p.Name).ToList();

        Assert.That(key.GetProperty("kty").GetString(), Is.EqualTo(kty));
        Assert.That(key.GetProperty("kid").GetString(), Is.EqualTo("k1"));
        Assert.That(key.GetProperty("alg").GetString(), Is.EqualTo(algorithm));
        Assert.That(key.GetProperty("use").GetString(), Is.EqualTo("sig"));
        Assert.That(members, Is.EquivalentTo(new[] { "kty", "use", "kid", "alg" }.Concat(publicMembers)));
    }

    private sealed class Environment(string name, string contentRoot) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;

        public string ApplicationName { get; set; } = "Auth.Tests";

        public string ContentRootPath { get; set; } = contentRoot;

        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
