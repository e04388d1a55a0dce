using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using Auth.Infrastructure.Security.Tokens;
using Auth.TestCommon;
using Auth.WebApi.IntegrationTests.Support;
using Npgsql;

namespace Auth.WebApi.IntegrationTests.Cluster;

/// <summary>
/// Three Auth processes (the built binary) on one PostgreSQL database, sharing one Redis and one SMTP server
/// (aiosmtpd), behind HAProxy's round robin with health checks on <c>/health/ready</c>; everything on loopback, and
/// everything stopped when disposed. Each node gets the settings docs/operations.md lists for a node of a cluster.
/// </summary>
public sealed class ThreeNodeCluster : IAsyncDisposable
{
    private readonly string _workDirectory = Directory.CreateTempSubdirectory("auth-cluster-").FullName;
    private readonly Dictionary<string, string> _nodeSettings;
    private readonly ConcurrentQueue<string> _balancerLog = new();
    private Process? _haproxy;

    private ThreeNodeCluster(string connectionString, RedisServer redis, AiosmtpdServer smtp)
    {
        ConnectionString = connectionString;
        Redis = redis;
        Smtp = smtp;
        BalancerPort = AuthApiFactory.FreePort();
        StatsPort = AuthApiFactory.FreePort();
        _nodeSettings = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Staging",
            ["Database__Provider"] = "PostgreSql",
            ["ConnectionStrings__Auth"] = connectionString,

            // The keys every node must share come from configuration (docs/operations.md, "Running several nodes").
            ["Jwt__Issuer"] = PublicAddress.ToString(),
            ["Jwt__Audience"] = "auth-cluster",
            ["Jwt__SigningKeys__0__Pem"] = SigningKeyRing.CreatePem(SigningAlgorithms.ES256),
            ["Jwt__SigningKeys__0__Algorithm"] = "ES256",
            ["Tfa__SecretKeys__0__KeyId"] = "cluster-1",
            ["Tfa__SecretKeys__0__Key"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["Passkeys__Origins__0"] = PublicAddress.GetLeftPart(UriPartial.Authority),
            ["Redis__Configuration"] = redis.Configuration,
            ["Http__KnownProxies__0"] = "127.0.0.1",
            ["Http__DrainDelay"] = "00:00:01.500",
            ["Email__Delivery"] = "Smtp",
            ["Email__Smtp__Host"] = "127.0.0.1",
            ["Email__Smtp__Port"] = smtp.Port.ToString(CultureInfo.InvariantCulture),
            ["Email__Smtp__Security"] = "None",
            ["Email__DispatchInterval"] = "00:00:00.200",
            ["Email__ClaimLease"] = "00:00:05",
            ["Accounts__Requests__PollInterval"] = "00:00:00.200",
            ["Accounts__Requests__Lease"] = "00:00:05",
            ["Accounts__RequireVerifiedEmail"] = "false",
            ["PasswordHashing__MemoryKiB"] = FastArgon2.MemoryKiB.ToString(CultureInfo.InvariantCulture),
            ["PasswordHashing__Iterations"] = FastArgon2.Iterations.ToString(CultureInfo.InvariantCulture),
            ["Serilog__MinimumLevel__Default"] = "Warning",

            // Per-IP limits: generous for the load (it comes from one address), small for the one the test counts.
            ["RateLimiting__Policies__login__PermitLimit"] = "100000",
            ["RateLimiting__Policies__signup__PermitLimit"] = "100000",
            ["RateLimiting__Policies__password_reset__PermitLimit"] = "100000",
            ["RateLimiting__Policies__tfa__PermitLimit"] = "100000",
            ["RateLimiting__Policies__passkey_ceremony__PermitLimit"] = "100000",
            ["RateLimiting__Policies__email_verification__PermitLimit"] = "3",
            ["RateLimiting__Policies__email_verification__Window"] = "01:00:00",
        };
        Nodes = [.. Enumerable.Range(1, 3).Select(i => new Node($"node{i}", AuthApiFactory.FreePort(), _workDirectory, _nodeSettings))];
    }

    public string ConnectionString { get; }

    public RedisServer Redis { get; }

    public AiosmtpdServer Smtp { get; }

    public int BalancerPort { get; }

    public int StatsPort { get; }

    /// <summary>The one public address: HAProxy's (on <c>localhost</c>, which WebAuthn accepts as an RP id).</summary>
    public Uri PublicAddress => new($"http://localhost:{BalancerPort}/");

    public IReadOnlyList<Node> Nodes { get; }

    /// <summary>HAProxy's log: one line per request, <c>server status "METHOD path HTTP/1.1"</c>.</summary>
    public IReadOnlyCollection<string> BalancerLog => _balancerLog;

    /// <summary>Starts everything; needs <c>AUTH_TEST_POSTGRES</c> (tests/cluster/run sets it).</summary>
    public static async Task<ThreeNodeCluster> StartAsync()
    {
        var server = Environment.GetEnvironmentVariable("AUTH_TEST_POSTGRES")
            ?? throw new InvalidOperationException("The cluster tests need PostgreSQL: run them with tests/cluster/run (or set AUTH_TEST_POSTGRES).");
        var database = $"auth_cluster_{Guid.NewGuid():N}"[..28];
        await using (var admin = new NpgsqlConnection(server + ";Database=postgres"))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {database}", admin);
            await create.ExecuteNonQueryAsync();
        }

        var cluster = new ThreeNodeCluster($"{server};Database={database}", await RedisServer.StartAsync(), await AiosmtpdServer.StartAsync());
        try
        {
            // The first node migrates the empty database; the others then start side by side.
            await cluster.Nodes[0].StartAsync();
            await Task.WhenAll(cluster.Nodes.Skip(1).Select(n => n.StartAsync()));
            await cluster.StartBalancerAsync();
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    /// <summary>An HTTP client to the balancer, optionally from another loopback address (a different client IP).</summary>
    public HttpClient Client(string sourceAddress = "127.0.0.1") => Client(PublicAddress, sourceAddress);

    public static HttpClient Client(Uri baseAddress, string sourceAddress = "127.0.0.1")
    {
        var source = IPAddress.Parse(sourceAddress);
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    socket.Bind(new IPEndPoint(source, 0));
                    await socket.ConnectAsync(IPAddress.Loopback, context.DnsEndPoint.Port, cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        return new HttpClient(handler) { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary>Waits until HAProxy's health checks see <paramref name="node"/> as up (or down).</summary>
    public async Task WaitForBalancerAsync(Node node, bool up)
    {
        using var stats = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{StatsPort}/") };
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            string csv;
            try
            {
                csv = await stats.GetStringAsync("stats;csv", deadline.Token);
            }
            catch (HttpRequestException) when (_haproxy is { HasExited: false })
            {
                // Still starting.
                csv = "";
            }

            var row = csv.Split('\n').FirstOrDefault(l => l.StartsWith($"nodes,{node.Name},", StringComparison.Ordinal));
            if (row is not null && row.Split(',')[17].StartsWith(up ? "UP" : "DOWN", StringComparison.Ordinal))
            {
                return;
            }

            await Task.Delay(50, deadline.Token);
        }
    }

    /// <summary>A setting every node has (environment variable spelling, e.g. <c>Jwt__Issuer</c>).</summary>
    public string Setting(string key) => _nodeSettings[key];

    /// <summary>Runs a query against the cluster's database (what the nodes left behind).</summary>
    public async Task<long> CountAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    public async ValueTask DisposeAsync()
    {
        if (_haproxy is { HasExited: false })
        {
            _haproxy.Kill(entireProcessTree: true);
            await _haproxy.WaitForExitAsync();
        }

        _haproxy?.Dispose();
        foreach (var node in Nodes)
        {
            await node.StopHardAsync();
        }

        await Redis.DisposeAsync();
        await Smtp.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        try
        {
            var server = Environment.GetEnvironmentVariable("AUTH_TEST_POSTGRES")!;
            await using var admin = new NpgsqlConnection(server + ";Database=postgres");
            await admin.OpenAsync();
            var database = new NpgsqlConnectionStringBuilder(ConnectionString).Database;
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {database} WITH (FORCE)", admin);
            await drop.ExecuteNonQueryAsync();
        }
        finally
        {
            Directory.Delete(_workDirectory, recursive: true);
        }
    }

    private async Task StartBalancerAsync()
    {
        // Round robin; a node is taken out after one failed check (every 250 ms) and back after one good one. A request
        // whose connection is refused is sent to another node; a request that reached a node is retried only if it is
        // a GET (a POST may have done its work: a login, a refresh token's rotation).
        var config = Path.Combine(_workDirectory, "haproxy.cfg");
        var servers = string.Join("\n", Nodes.Select(n => $"  server {n.Name} 127.0.0.1:{n.Port} check"));
        await File.WriteAllTextAsync(config, $$"""
            global
              log stdout format raw local0
              maxconn 4096

            defaults
              mode http
              log global
              timeout connect 2s
              timeout client 60s
              timeout server 60s
              timeout queue 10s
              retries 3
              option redispatch 1
              retry-on conn-failure empty-response
              option forwardfor

            frontend auth
              bind 127.0.0.1:{{BalancerPort}}
              log-format "%s %ST %{+Q}r"
              http-request disable-l7-retry if !METH_GET
              default_backend nodes

            backend nodes
              balance roundrobin
              option httpchk GET /health/ready
              http-check expect status 200
              default-server inter 250ms fall 1 rise 1
            {{servers}}

            listen stats
              bind 127.0.0.1:{{StatsPort}}
              stats enable
              stats uri /stats

            """);
        var start = new ProcessStartInfo("haproxy", ["-db", "-f", config]) { RedirectStandardOutput = true, RedirectStandardError = true };
        try
        {
            _haproxy = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            throw new InvalidOperationException("haproxy is not installed. Install the test peers: bash tests/run --install-peers");
        }

        _haproxy.OutputDataReceived += (_, e) =>
        {
            if (e.Data is { } line)
            {
                _balancerLog.Enqueue(line);
            }
        };
        _haproxy.ErrorDataReceived += (_, e) => { };
        _haproxy.BeginOutputReadLine();
        _haproxy.BeginErrorReadLine();
        foreach (var node in Nodes)
        {
            await WaitForBalancerAsync(node, up: true);
        }
    }

    /// <summary>One Auth process: started, stopped as an operator would (SIGTERM) or killed (SIGKILL), started again.</summary>
    public sealed class Node(string name, int port, string workDirectory, IReadOnlyDictionary<string, string> settings)
    {
        private readonly ConcurrentQueue<string> _output = new();
        private Process? _process;

        public string Name { get; } = name;

        public int Port { get; } = port;

        public Uri Address => new($"http://127.0.0.1:{Port}/");

        /// <summary>The last lines the process wrote (for a failure's message).</summary>
        public string Tail => string.Join("\n", _output.TakeLast(20));

        public async Task StartAsync()
        {
            var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "Auth.WebApi.dll"), "--urls", Address.ToString().TrimEnd('/')])
            {
                WorkingDirectory = workDirectory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            foreach (var (key, value) in settings)
            {
                start.Environment[key] = value;
            }

            _process = Process.Start(start)!;
            _process.OutputDataReceived += (_, e) => Keep(e.Data);
            _process.ErrorDataReceived += (_, e) => Keep(e.Data);
            _process.BeginOutputReadLine();
            _process.BeginErrorReadLine();

            using var http = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(5) };
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(90));
            while (true)
            {
                if (_process.HasExited)
                {
                    throw new InvalidOperationException($"{Name} exited with {_process.ExitCode}:\n{Tail}");
                }

                try
                {
                    using var ready = await http.GetAsync("health/ready", deadline.Token);
                    if (ready.IsSuccessStatusCode)
                    {
                        return;
                    }
                }
                catch (HttpRequestException)
                {
                    // Not listening yet.
                }
                catch (TaskCanceledException) when (!deadline.IsCancellationRequested)
                {
                    // Slow first answer.
                }

                await Task.Delay(100, deadline.Token);
            }
        }

        /// <summary><c>kill -9</c>: no drain, no goodbye; whatever it was doing stops mid-way.</summary>
        public async Task StopHardAsync()
        {
            if (_process is { HasExited: false })
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }

            _process?.Dispose();
            _process = null;
        }

        /// <summary>SIGTERM, as an orchestrator or systemd stops a service; returns once the process has exited.</summary>
        public async Task StopGracefullyAsync()
        {
            if (_process is not { HasExited: false } process)
            {
                return;
            }

            using (var signal = Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]))
            {
                await signal.WaitForExitAsync();
            }

            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await process.WaitForExitAsync(deadline.Token);
            process.Dispose();
            _process = null;
        }

        private void Keep(string? line)
        {
            if (line is null)
            {
                return;
            }

            _output.Enqueue(line);
            while (_output.Count > 200)
            {
                _output.TryDequeue(out _);
            }
        }
    }
}
