using System.Security.Cryptography;
using Auth.Application.Email;
using Auth.Infrastructure.Security.Tfa;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Auth.TestCommon;

/// <summary>The real AES-GCM protector under a random key, for tests that store secrets (TOTP seeds, outbox bodies).</summary>
public static class TestSecrets
{
    public static AesGcmSecretProtector Protector() => new(KeyRing());

    /// <summary>A key ring with one random master key.</summary>
    public static TfaKeyRing KeyRing() =>
        new(Options.Create(new TfaSecretOptions { SecretKeys = [new TfaSecretKeyOptions { KeyId = "test", Key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) }] }),
            new TestEnvironment(),
            NullLogger<TfaKeyRing>.Instance);

    public static OutboxBodies OutboxBodies() => new(Protector());

    private sealed class TestEnvironment : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "Testing";

        public string ApplicationName { get; set; } = "Auth.Tests";

        public string ContentRootPath { get; set; } = Path.GetTempPath();

        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
