using System.Diagnostics;
using Auth.Infrastructure.Security.Tokens;

namespace Auth.WebApi.IntegrationTests.Platform;

/// <summary>Runs the real service binary as a process, as an operator would, with Production settings.</summary>
public sealed class StartupConfigurationTests
{
    private string _workDir = null!;

    [SetUp]
    public void CreateWorkDir()
    {
        _workDir = Path.Combine(Path.GetTempPath(), "auth-startup-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_workDir);
    }

    [TearDown]
    public void DeleteWorkDir() => Directory.Delete(_workDir, recursive: true);

    private async Task<(int ExitCode, string Errors)> RunServiceAsync(Dictionary<string, string> environment)
    {
        var binary = Path.Combine(AppContext.BaseDirectory, "Auth.WebApi.dll");
        var start = new ProcessStartInfo("dotnet", [binary, "--urls", "http://127.0.0.1:0"])
        {
            WorkingDirectory = _workDir,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("The service started although it should have refused to.");
        }

        return (process.ExitCode, await errors + await output);
    }

    [Test]
    public async Task TestMode_OutsideDevelopmentAndTesting_RefusesToStart()
    {
        var (exitCode, errors) = await RunServiceAsync(new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Staging",
            ["Testing__Enabled"] = "true",
        });

        Assert.That(exitCode, Is.EqualTo(1));
        Assert.That(errors, Does.Contain("Testing:Enabled is allowed only in the Development or Testing environment, not in Staging"));
    }

    [Test]
    public async Task InProduction_WithoutAConnectionString_RefusesToStart_WithAClearMessage()
    {
        var (exitCode, errors) = await RunServiceAsync([]);

        Assert.That(exitCode, Is.EqualTo(1));
        Assert.That(errors, Does.Contain("Auth cannot start").And.Contain("ConnectionStrings:Auth"));
        Assert.That(errors, Does.Not.Contain("   at "), "no stack trace");
    }

    [Test]
    public async Task InProduction_WithoutSigningKeys_RefusesToStart_WithAClearMessage()
    {
        var (exitCode, errors) = await RunServiceAsync(new() { ["ConnectionStrings__Auth"] = $"Data Source={_workDir}/auth.db" });

        Assert.That(exitCode, Is.EqualTo(1));
        Assert.That(errors, Does.Contain("Auth cannot start").And.Contain("Jwt:SigningKeys"));
        Assert.That(Directory.Exists(Path.Combine(_workDir, "data")), Is.False, "no development key was generated");
    }

    [Test]
    public async Task InProduction_WithoutATfaSecretKey_RefusesToStart_WithAClearMessage()
    {
        var (exitCode, errors) = await RunServiceAsync(new()
        {
            ["ConnectionStrings__Auth"] = $"Data Source={_workDir}/auth.db",
            ["Jwt__SigningKeys__0__Pem"] = SigningKeyRing.CreatePem(SigningAlgorithms.ES256),
            ["Jwt__SigningKeys__0__Algorithm"] = "ES256",
        });

        Assert.That(exitCode, Is.EqualTo(1));
        Assert.That(errors, Does.Contain("Auth cannot start").And.Contain("Tfa:SecretKeys"));
    }

    [Test]
    public async Task InProduction_WithItsKeysConfigured_StartsAndAnswers()
    {
        var port = FreePort();
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "Auth.WebApi.dll"), "--urls", $"http://127.0.0.1:{port}"])
        {
            WorkingDirectory = _workDir,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ConnectionStrings__Auth"] = $"Data Source={_workDir}/auth.db";
        start.Environment["Jwt__SigningKeys__0__Pem"] = SigningKeyRing.CreatePem(SigningAlgorithms.RS256);
        start.Environment["Tfa__SecretKeys__0__KeyId"] = "k1";
        start.Environment["Tfa__SecretKeys__0__Key"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        start.Environment["Jwt__Issuer"] = "https://auth.example.com";
        start.Environment["PasswordReset__LinkBase"] = "https://app.example.com/reset";
        start.Environment["Accounts__VerificationLinkBase"] = "https://app.example.com/verify-email";
        using var process = Process.Start(start)!;
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            while (await process.StandardOutput.ReadLineAsync(timeout.Token) is { } line && !line.Contains("Now listening", StringComparison.Ordinal))
            {
            }

            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            using var ready = await http.GetAsync("/health/ready");
            Assert.That((int)ready.StatusCode, Is.EqualTo(200));
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    private static int FreePort()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    [Test]
    public async Task InProduction_DevelopmentKeysAndLocalhostDefaults_AreRefused_AllNamedAtOnce()
    {
        Directory.CreateDirectory(Path.Combine(_workDir, "data", "keys"));
        await File.WriteAllTextAsync(Path.Combine(_workDir, "data", "keys", "development-rs256.pem"), SigningKeyRing.CreatePem(SigningAlgorithms.RS256));

        var (exitCode, errors) = await RunServiceAsync(new()
        {
            ["ConnectionStrings__Auth"] = $"Data Source={_workDir}/auth.db",
            ["Jwt__SigningKeys__0__PemFile"] = Path.Combine(_workDir, "data", "keys", "development-rs256.pem"),
            ["Tfa__SecretKeys__0__KeyId"] = "development",
            ["Tfa__SecretKeys__0__Key"] = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32)),
        });

        Assert.That(exitCode, Is.EqualTo(1));
        Assert.That(errors, Does.Contain("development key").And.Contain("development key id")
            .And.Contain("Jwt:Issuer").And.Contain("PasswordReset:LinkBase").And.Contain("Accounts:VerificationLinkBase"));
    }

    [Test]
    public async Task InProduction_WithAnInvalidSetting_RefusesToStart_NamingIt()
    {
        var (exitCode, errors) = await RunServiceAsync(new()
        {
            ["ConnectionStrings__Auth"] = $"Data Source={_workDir}/auth.db",
            ["Jwt__SigningKeys__0__Pem"] = SigningKeyRing.CreatePem(SigningAlgorithms.RS256),
            ["Jwt__ClockSkew"] = "00:05:00",
        });

        Assert.That(exitCode, Is.EqualTo(1));
        Assert.That(errors, Does.Contain("Jwt:ClockSkew"));
    }

    [Test]
    public async Task APasskeyRelyingPartyIdThatIsNotTheIssuersDomain_RefusesToStart_NamingIt()
    {
        var (exitCode, errors) = await RunServiceAsync(new()
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["ConnectionStrings__Auth"] = $"Data Source={_workDir}/auth.db",
            ["Passkeys__RelyingPartyId"] = "example.com",
        });

        Assert.That(exitCode, Is.EqualTo(1));
        Assert.That(errors, Does.Contain("Passkeys: RelyingPartyId must be the host of Jwt:Issuer"));
    }

    [Test]
    public async Task TheNativeHashingEngine_WithParametersLibsodiumCannotCompute_RefusesToStart_NamingTheWayOut()
    {
        var (exitCode, errors) = await RunServiceAsync(new()
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["ConnectionStrings__Auth"] = $"Data Source={_workDir}/auth.db",
            ["PasswordHashing__Parallelism"] = "2",
        });

        Assert.That(exitCode, Is.EqualTo(1));
        Assert.That(errors, Does.Contain("PasswordHashing").And.Contain("set Engine to Managed"));
    }
}
