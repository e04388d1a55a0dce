using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Auth.Infrastructure.Security.Tokens;

namespace Auth.WebApi.IntegrationTests.Platform;

/// <summary>The production binary on Kestrel with a certificate from configuration, spoken to over real TLS.</summary>
public sealed class TlsTests
{
    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    [Test]
    public async Task OverTls_WithASelfSignedCertificateFromConfiguration_TheServiceAnswers_WithHsts_AndRedirectsHttp()
    {
        var workDir = Path.Combine(Path.GetTempPath(), "auth-tls-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(workDir);
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        await File.WriteAllTextAsync(Path.Combine(workDir, "tls.pem"), certificate.ExportCertificatePem());
        await File.WriteAllTextAsync(Path.Combine(workDir, "tls.key"), key.ExportPkcs8PrivateKeyPem());

        var (httpsPort, httpPort) = (FreePort(), FreePort());
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "Auth.WebApi.dll")])
        {
            WorkingDirectory = workDir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["Kestrel__Endpoints__Https__Url"] = $"https://127.0.0.1:{httpsPort}",
            ["Kestrel__Endpoints__Https__Certificate__Path"] = Path.Combine(workDir, "tls.pem"),
            ["Kestrel__Endpoints__Https__Certificate__KeyPath"] = Path.Combine(workDir, "tls.key"),
            ["Kestrel__Endpoints__Http__Url"] = $"http://127.0.0.1:{httpPort}",
            ["ConnectionStrings__Auth"] = $"Data Source={workDir}/auth.db",
            ["Jwt__SigningKeys__0__Pem"] = SigningKeyRing.CreatePem(SigningAlgorithms.ES256),
            ["Jwt__SigningKeys__0__Algorithm"] = "ES256",
            ["Jwt__Issuer"] = "https://auth.example.com",
            ["Tfa__SecretKeys__0__KeyId"] = "k1",
            ["Tfa__SecretKeys__0__Key"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["PasswordReset__LinkBase"] = "https://app.example.com/reset",
            ["Accounts__VerificationLinkBase"] = "https://app.example.com/verify-email",
        };
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        _ = process.StandardError.ReadToEndAsync();
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            var started = false;
            while (!started && await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
            {
                started = line.Contains("Application started", StringComparison.Ordinal);
            }

            Assert.That(started, Is.True, "the service did not start");
            var thumbprint = certificate.Thumbprint;
            using var handler = new HttpClientHandler
            {
                AllowAutoRedirect = false,
                ServerCertificateCustomValidationCallback = (_, presented, _, _) => presented?.Thumbprint == thumbprint,
            };
            using var client = new HttpClient(handler);

            using var ready = await client.GetAsync($"https://127.0.0.1:{httpsPort}/health/ready");
            using var plain = await client.GetAsync($"http://127.0.0.1:{httpPort}/health/ready");
            using var signIn = await client.GetAsync($"https://127.0.0.1:{httpsPort}/account/signin");
            using var discovery = await client.GetAsync($"https://127.0.0.1:{httpsPort}/.well-known/openid-configuration");

            Assert.That(ready.StatusCode, Is.EqualTo(HttpStatusCode.OK));
            Assert.That(ready.Headers.GetValues("Strict-Transport-Security").Single(), Does.Contain("max-age=31536000"));
            Assert.That(plain.StatusCode, Is.EqualTo(HttpStatusCode.TemporaryRedirect));
            Assert.That(plain.Headers.Location?.ToString(), Is.EqualTo($"https://127.0.0.1:{httpsPort}/health/ready"));

            // The pages' cookies over TLS in Production: Secure, with the __Host- prefix.
            var cookie = signIn.Headers.GetValues("Set-Cookie").Single(c => c.Contains("auth_antiforgery", StringComparison.Ordinal));
            Assert.That(cookie, Does.StartWith("__Host-auth_antiforgery=").And.Contain("secure").And.Contain("path=/"));
            Assert.That(discovery.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            Directory.Delete(workDir, recursive: true);
        }
    }
}
