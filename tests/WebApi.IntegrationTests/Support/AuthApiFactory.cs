using System.Net;
using Auth.Infrastructure.Accounts;
using Auth.Infrastructure.Email;
using Auth.Infrastructure.Security.Tokens;
using Auth.Infrastructure.Sessions;
using Auth.TestCommon;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using Serilog.Core;

namespace Auth.WebApi.IntegrationTests.Support;

/// <summary>
/// The real service on a real Kestrel socket (127.0.0.1, random port) with a real SQLite file, real crypto and a
/// fake clock. Two factories given the same <see cref="DataDirectory"/> act as two nodes of one deployment.
/// </summary>
public sealed class AuthApiFactory : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings;

    private readonly bool _fakeClock;

    /// <summary>
    /// One development signing key (the default algorithm, ES256) for every service this test run starts, so that
    /// services sharing a database agree on it. Tests about keys configure their own (RS256 among them).
    /// </summary>
    internal static readonly Lazy<string> SharedSigningKeyDirectory = new(() =>
    {
        var directory = Path.Combine(Path.GetTempPath(), "auth-tests", "signing-key-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var file = Path.Combine(directory, "development-es256.pem");
        File.WriteAllText(file, SigningKeyRing.CreatePem(SigningAlgorithms.ES256));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        return directory;
    });

    /// <param name="fakeClock">False keeps the service's own clock (real time, or the test mode's movable clock).</param>
    /// <param name="issuerAtOwnAddress">
    /// The issuer is the service's real address (a port chosen up front), as relying apps that read discovery need.
    /// </param>
    /// <param name="publicHost">The host name of that address (<c>localhost</c> for WebAuthn, which refuses IP addresses).</param>
    public AuthApiFactory(
        IReadOnlyDictionary<string, string?>? settings = null, string? dataDirectory = null, bool fakeClock = true, bool issuerAtOwnAddress = false,
        string publicHost = "127.0.0.1")
    {
        _fakeClock = fakeClock;
        DataDirectory = dataDirectory ?? Path.Combine(Path.GetTempPath(), "auth-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(DataDirectory);
        _settings = new Dictionary<string, string?>(FastArgon2.Settings)
        {
            ["ConnectionStrings:Auth"] = $"Data Source={Path.Combine(DataDirectory, "auth.db")}",
            ["Jwt:DevelopmentKeyDirectory"] = SharedSigningKeyDirectory.Value,
            ["Tfa:DevelopmentKeyDirectory"] = Path.Combine(DataDirectory, "tfa-keys"),
            ["Jwt:Issuer"] = "https://auth.test",
            ["Jwt:Audience"] = "auth-tests",
            ["Email:PickupDirectory"] = Path.Combine(DataDirectory, "mail"),
            ["Email:DispatcherEnabled"] = "false",
            ["RateLimiting:Enabled"] = "false",

            // Most tests sign up and sign in at once; EmailVerificationTests turns the requirement on.
            ["Accounts:RequireVerifiedEmail"] = "false",

            // Queued account requests (forgot password, resend verification) are handled when a test drains them.
            ["Accounts:Requests:ProcessInBackground"] = "false",
        };
        // tests/run's second pass: the same tests on PostgreSQL, a database per data directory (so services sharing one,
        // as two nodes do, share it too; the throwaway cluster is deleted at the end).
        if (Environment.GetEnvironmentVariable("AUTH_TEST_PROVIDER") == "PostgreSql")
        {
            var name = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(DataDirectory)))[..24];
            _settings["Database:Provider"] = "PostgreSql";
            _settings["ConnectionStrings:Auth"] = $"{Environment.GetEnvironmentVariable("AUTH_TEST_POSTGRES")};Database=auth_{name}";
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            _settings[key] = value;
        }

        var port = issuerAtOwnAddress ? FreePort() : 0;
        if (issuerAtOwnAddress)
        {
            _settings["Jwt:Issuer"] = $"http://{publicHost}:{port}/";
            foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            {
                _settings[key] = value?.Replace("{port}", port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
            }
        }

        var managementPort = _settings.GetValueOrDefault("Management:Port") is { } management ? int.Parse(management, System.Globalization.CultureInfo.InvariantCulture) : (int?)null;
        UseKestrel(options =>
        {
            options.Listen(IPAddress.Loopback, port);
            if (managementPort is { } extra)
            {
                options.Listen(IPAddress.Loopback, extra);
            }
        });
    }

    /// <summary>The service's base address (it starts the server if needed).</summary>
    public Uri BaseAddress
    {
        get
        {
            StartServer();
            using var client = CreateClient();
            return client.BaseAddress!;
        }
    }

    public FakeTimeProvider Clock { get; } = TestClock.Create();

    public CapturingLogSink Logs { get; } = new();

    public string DataDirectory { get; }

    /// <summary>The database this service uses (<c>Database:Provider</c>, <c>ConnectionStrings:Auth</c>), for a second process on it.</summary>
    public (string Provider, string ConnectionString) Database =>
        (_settings.GetValueOrDefault("Database:Provider") ?? "Sqlite", _settings["ConnectionStrings:Auth"]!);

    /// <summary>The <c>iss</c> of every token: the configured issuer as an absolute URI (with its trailing slash).</summary>
    public string Issuer => new Uri(_settings["Jwt:Issuer"]!).AbsoluteUri;

    public string Audience => _settings["Jwt:Audience"]!;

    /// <summary>The address browsers and relying apps use: the issuer's (see <c>issuerAtOwnAddress</c>).</summary>
    public Uri PublicAddress => new(Issuer);

    public RevokedSessionSynchronizer RevocationSynchronizer => Services.GetRequiredService<RevokedSessionSynchronizer>();

    /// <summary>Handles the queued account requests now (the background loop is off in tests), then delivers the whole outbox.</summary>
    public async Task DeliverQueuedMailAsync()
    {
        await Services.GetRequiredService<AccountRequestWorker>().DrainAsync(CancellationToken.None);
        // Pass after pass: a long-running shared service can have more due than one batch.
        var dispatcher = Services.GetRequiredService<OutboxDispatcher>();
        int sent;
        do
        {
            sent = await dispatcher.DispatchOnceAsync(CancellationToken.None);
        }
        while (sent > 0);
    }

    public ApiClient CreateApiClient()
    {
        StartServer();
        return new ApiClient(CreateClient());
    }

    /// <summary>
    /// Stops the service; on PostgreSQL also closes this database's pooled connections, which would otherwise idle for
    /// minutes and, a few hundred services later, exhaust the test cluster's <c>max_connections</c>.
    /// </summary>
    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (Database.Provider == "PostgreSql")
        {
            using var connection = new Npgsql.NpgsqlConnection(Database.ConnectionString);
            Npgsql.NpgsqlConnection.ClearPool(connection);
        }
    }

    public static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureAppConfiguration(config => config.AddInMemoryCollection(_settings));
        builder.ConfigureServices(services =>
        {
            if (_fakeClock)
            {
                services.RemoveAll<TimeProvider>();
                services.AddSingleton<TimeProvider>(Clock);
            }

            services.AddSingleton<ILogEventSink>(Logs);
        });
    }
}
