using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Auth.Domain.Tfa;
using Auth.Infrastructure.Security.Tfa;
using Auth.TestCommon;
using Auth.WebApi.IntegrationTests.Browser;
using Auth.WebApi.IntegrationTests.Support;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using OpenQA.Selenium.Support.UI;
using OpenQA.Selenium.VirtualAuth;
using OtpNet;

namespace Auth.WebApi.IntegrationTests.Cluster;

/// <summary>
/// The cluster test (issue 20): three real Auth processes on PostgreSQL with Redis, behind HAProxy (see
/// <see cref="ThreeNodeCluster"/>). Run by tests/cluster/run, which tests/run calls last. The tests share one cluster
/// and run in order: the later ones kill and restart nodes.
/// </summary>
[Category("Cluster")]
[NonParallelizable]
public sealed class ClusterTests
{
    private ThreeNodeCluster _cluster = null!;

    private static TimeSpan LoadDuration => TimeSpan.FromSeconds(
        int.TryParse(Environment.GetEnvironmentVariable("AUTH_CLUSTER_LOAD_SECONDS"), out var seconds) ? seconds : 60);

    [OneTimeSetUp]
    public async Task StartAsync() => _cluster = await ThreeNodeCluster.StartAsync();

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }

    private ApiClient Direct(int node) => new(ThreeNodeCluster.Client(_cluster.Nodes[node].Address));

    [Test]
    [Order(1)]
    public async Task ASessionMovesBetweenNodes_AndItsSignOutIsRefusedOnEveryNodeAtOnce()
    {
        using var one = Direct(0);
        using var two = Direct(1);
        using var three = Direct(2);
        var email = ApiClient.NewEmail("cluster");
        using (var signup = await one.SignupAsync(email))
        {
            await ApiClient.ExpectAsync(signup, HttpStatusCode.Created);
        }

        var login = await two.LoginTokensAsync(email);
        using var refreshed = await three.PostJsonAsync("/api/v1/auth/refresh", new { refresh_token = login.RefreshToken });
        var tokens = await ApiClient.ReadAsync<Tokens>(refreshed, HttpStatusCode.OK);
        foreach (var node in new[] { one, two, three })
        {
            using var me = await node.GetAsync("/api/v1/auth/me", tokens.AccessToken);
            await ApiClient.ExpectAsync(me, HttpStatusCode.OK);
        }

        using (var logout = await one.PostJsonAsync("/api/v1/auth/logout", new { }, tokens.AccessToken))
        {
            await ApiClient.ExpectAsync(logout, HttpStatusCode.NoContent);
        }

        // The documented bound with Redis is "at once" (pub/sub, one round trip); the test allows a second for it.
        var stopwatch = Stopwatch.StartNew();
        foreach (var node in new[] { one, two, three })
        {
            HttpStatusCode status;
            do
            {
                using var me = await node.GetAsync("/api/v1/auth/me", tokens.AccessToken);
                status = me.StatusCode;
            }
            while (status == HttpStatusCode.OK && stopwatch.Elapsed < TimeSpan.FromSeconds(1));

            Assert.That(status, Is.EqualTo(HttpStatusCode.Unauthorized), $"{node.Http.BaseAddress} still accepts a signed-out token");
        }

        using var replay = await two.PostJsonAsync("/api/v1/auth/refresh", new { refresh_token = tokens.RefreshToken });
        Assert.That(replay.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    [Order(2)]
    public async Task ATwoStepChallengeStartedOnOneNode_FinishesOnAnother()
    {
        using var one = Direct(0);
        using var two = Direct(1);
        using var three = Direct(2);
        var email = ApiClient.NewEmail("cluster-tfa");
        using var signup = await one.PostJsonAsync("/api/v1/auth/signup", new
        {
            email, password = TestPasswords.Strong, full_name = "Cluster User", tfa_enabled = true, device = new { device_type = "code_generator" },
        });
        var secret = (string)JsonNode.Parse(await signup.Content.ReadAsStringAsync())!["enrollment"]!["secret"]!;
        var enrolling = await two.LoginTokensAsync(email);
        using (var confirm = await three.PostJsonAsync("/api/v1/tfa/confirm_tfa", new { tfa_token = Code(secret, 0) }, enrolling.AccessToken))
        {
            await ApiClient.ExpectAsync(confirm, HttpStatusCode.OK);
        }

        using var password = await three.LoginAsync(email);
        var challenge = (string)JsonNode.Parse(await password.Content.ReadAsStringAsync())!["access_token"]!;
        Assert.That(password.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        using var second = await one.PostJsonAsync("/api/v1/tfa/login_tfa", new { tfa_token = Code(secret, 1) }, challenge);

        var tokens = await ApiClient.ReadAsync<Tokens>(second, HttpStatusCode.OK);
        using var me = await two.GetAsync("/api/v1/auth/me", tokens.AccessToken);
        await ApiClient.ExpectAsync(me, HttpStatusCode.OK);
    }

    [Test]
    [Order(3)]
    public async Task PerIpLimits_CountOnceAcrossTheNodes()
    {
        // From 127.0.0.2: HAProxy passes it on in X-Forwarded-For, and round robin spreads the tries over the nodes.
        using var client = _cluster.Client("127.0.0.2");
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            using var response = await client.PostAsJsonAsync("/api/v1/auth/verify_email/resend", new { email = ApiClient.NewEmail() });
            statuses.Add(response.StatusCode);
        }

        Assert.That(statuses, Is.EqualTo(new[] { HttpStatusCode.Accepted, HttpStatusCode.Accepted, HttpStatusCode.Accepted, HttpStatusCode.TooManyRequests }),
            "a limit of 3 an hour for this address, counted by all three nodes together");
        using var otherClient = _cluster.Client("127.0.0.3");
        using var other = await otherClient.PostAsJsonAsync("/api/v1/auth/verify_email/resend", new { email = ApiClient.NewEmail() });
        Assert.That(other.StatusCode, Is.EqualTo(HttpStatusCode.Accepted), "another address has its own count");
    }

    [Test]
    [Order(4)]
    public async Task TheSignInPages_AStockOpenIdConnectApp_AndAPasskeyCeremony_WorkThroughTheBalancer()
    {
        using var api = new ApiClient(_cluster.Client());
        var email = ApiClient.NewEmail("cluster-browser");
        using (var signup = await api.SignupAsync(email))
        {
            await ApiClient.ExpectAsync(signup, HttpStatusCode.Created);
        }

        var appPort = AuthApiFactory.FreePort();
        var appAddress = RelyingApp.AddressAt(appPort);
        var secret = await CreateClientAsync(new Uri(appAddress, "signin-oidc"), new Uri(appAddress, "signout-callback-oidc"));
        await using var app = await RelyingApp.StartAsync(appPort, _cluster.PublicAddress, "cluster-app", secret, "auth-cluster");
        var profile = Directory.CreateTempSubdirectory("auth-cluster-chromium-").FullName;
        using var driver = BrowserFixture.StartChromium(profile);
        try
        {
            var authenticator = driver.AddVirtualAuthenticator(new VirtualAuthenticatorOptions()
                .SetProtocol(VirtualAuthenticatorOptions.Protocol.CTAP2).SetTransport(VirtualAuthenticatorOptions.Transport.INTERNAL)
                .SetHasResidentKey(true).SetHasUserVerification(true).SetIsUserVerified(true).SetIsUserConsenting(true));

            // The app sends the browser to Auth's sign-in page (through HAProxy); each page, its antiforgery token and the
            // authorization code may be handled by a different node.
            driver.Navigate().GoToUrl(app.Address);
            WaitForPath(driver, "/account/signin");
            driver.FindElement(By.Id("email")).SendKeys(email);
            driver.FindElement(By.Id("password")).SendKeys(TestPasswords.Strong);
            driver.FindElement(By.Id("sign-in")).Click();
            WaitForPath(driver, "/");
            Assert.That(driver.FindElement(By.TagName("body")).Text, Is.EqualTo($"Hello {email}"));

            // A passkey: the ceremony's options come from one node and its answer goes to the next (round robin).
            driver.Navigate().GoToUrl(new Uri(_cluster.PublicAddress, "/account"));
            driver.FindElement(By.Id("add-passkey")).Click();
            WaitForPath(driver, "/account/passkeys/add");
            driver.FindElement(By.Id("passkey-name")).SendKeys("Cluster laptop");
            driver.FindElement(By.Id("create-passkey")).Click();
            WaitForPath(driver, "/account");
            Assert.That(driver.FindElement(By.Id("message")).Text, Does.StartWith("The passkey is added."));
            driver.RemoveVirtualAuthenticator(authenticator);
        }
        finally
        {
            driver.Quit();
            Directory.Delete(profile, recursive: true);
        }

        var ceremony = _cluster.BalancerLog.Where(l => l.Contains("/account/passkeys", StringComparison.Ordinal) && l.Contains("\"POST", StringComparison.Ordinal)).ToList();
        var begun = ceremony.Last(l => l.Contains("/account/passkeys/options", StringComparison.Ordinal)).Split(' ')[0];
        var finished = ceremony.Last(l => l.Contains("/account/passkeys ", StringComparison.Ordinal)).Split(' ')[0];
        Assert.That(finished, Is.Not.EqualTo(begun), "the ceremony began on one node and finished on another");
    }

    [Test]
    [Order(5)]
    public async Task KillingANodeUnderLoad_FailsOnlyWhatWasInFlightThere_AndLosesNoEmailAndNoRefreshChain()
    {
        var load = new MixedLoad(_cluster, workers: 8, withForgotPassword: true);
        var victim = _cluster.Nodes[1];
        var running = load.RunAsync(LoadDuration);
        await load.WaitUntilAsync(LoadDuration / 3);
        var killing = DateTimeOffset.UtcNow;
        await victim.StopHardAsync();
        var killed = DateTimeOffset.UtcNow;
        await running;

        await victim.StartAsync();
        await _cluster.WaitForBalancerAsync(victim, up: true);

        var failures = load.Outcomes.Where(o => !o.Ok).ToList();
        Assert.That(load.Outcomes.Count(o => o.Ok), Is.GreaterThan(200), "the load ran");
        Assert.That(failures, Has.Count.LessThanOrEqualTo(8), "at most one request per client was in flight on the killed node");
        Assert.That(failures, Has.All.Matches<MixedLoad.Outcome>(o => o.Started <= killed && o.Ended >= killing),
            "every failed request was in flight when the node died: " + string.Join("; ", failures));

        // Every refresh chain that was not mid-refresh on the killed node still refreshes.
        using var api = new ApiClient(_cluster.Client());
        foreach (var chain in load.Chains.Where(c => !c.Uncertain))
        {
            using var refreshed = await api.PostJsonAsync("/api/v1/auth/refresh", new { refresh_token = chain.RefreshToken });
            Assert.That(refreshed.StatusCode, Is.EqualTo(HttpStatusCode.OK), $"chain of {chain.Email} broke");
        }

        // Every accepted forgot-password request becomes exactly one email, including those the killed node had accepted.
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (await _cluster.CountAsync("""SELECT (SELECT count(*) FROM "AccountRequests") + (SELECT count(*) FROM "OutboxMessages" WHERE "Status" IN ('Pending', 'Retrying'))""") > 0)
        {
            await Task.Delay(100, deadline.Token);
        }

        // SMTP cannot be exactly-once: a node killed after the SMTP server's "250 OK" and before its commit leaves the
        // message to be sent again when its claim expires. It is the same message (the same Message-ID, which mail
        // systems collapse), and only the one the killed node was sending can be repeated: its dispatcher sends one at a time.
        var received = _cluster.Smtp.Received();
        var copies = received.GroupBy(m => m.MessageId).ToList();
        Assert.That(received.Count - copies.Count, Is.LessThanOrEqualTo(1), "at most the message in flight on the killed node is delivered again");
        Assert.That(copies, Has.All.Matches<IGrouping<string, MimeKit.MimeMessage>>(g => g.Select(m => (m.Subject, m.To.ToString())).Distinct().Count() == 1),
            "a repeated Message-ID is always the same message");
        var resets = copies.Select(g => g.First()).Where(m => m.Subject == "Reset your password")
            .GroupBy(m => m.To.Mailboxes.Single().Address).ToDictionary(g => g.Key, g => g.Count());
        foreach (var (email, accepted) in load.AcceptedResets)
        {
            var inFlight = load.InFlightResets.GetValueOrDefault(email);
            Assert.That(resets.GetValueOrDefault(email), Is.InRange(accepted, accepted + inFlight), $"reset emails to {email}");
        }

        Assert.That(load.AcceptedResets.Values.Sum(), Is.GreaterThan(10), "the load asked for resets");
    }

    [Test]
    [Order(6)]
    public async Task ARollingRestartOfEveryNode_FailsNoRequest()
    {
        var load = new MixedLoad(_cluster, workers: 4, withForgotPassword: false);
        using var stop = new CancellationTokenSource();
        var running = load.RunAsync(TimeSpan.FromMinutes(5), stop.Token);
        await load.WaitUntilAsync(TimeSpan.FromSeconds(2));
        foreach (var node in _cluster.Nodes)
        {
            await node.StopGracefullyAsync();
            await node.StartAsync();
            await _cluster.WaitForBalancerAsync(node, up: true);
        }

        await stop.CancelAsync();
        await running;

        Assert.That(load.Outcomes.Where(o => !o.Ok), Is.Empty);
        Assert.That(load.Outcomes.Count(o => o.Ok), Is.GreaterThan(100), "the load ran");
    }

    private static string Code(string secret, int stepsFromNow) =>
        OtpNetTotpService.Compute(Base32Encoding.ToBytes(secret), DateTimeOffset.UtcNow.AddSeconds(30 * stepsFromNow), TotpAlgorithm.Sha1, 6);

    /// <summary>Registers the relying app with the admin command line (the same binary, on the cluster's database).</summary>
    private async Task<string> CreateClientAsync(Uri redirect, Uri postLogout)
    {
        var start = new ProcessStartInfo("dotnet",
        [
            Path.Combine(AppContext.BaseDirectory, "Auth.WebApi.dll"), "admin", "client", "create", "--id", "cluster-app", "--type", "confidential",
            "--redirect-uris", redirect.ToString(), "--post-logout-uris", postLogout.ToString(), "--first-party",
            "--scopes", "openid profile email offline_access api",
        ])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Staging";
        start.Environment["Database__Provider"] = "PostgreSql";
        start.Environment["ConnectionStrings__Auth"] = _cluster.ConnectionString;
        foreach (var key in new[] { "Jwt__Issuer", "Jwt__SigningKeys__0__Pem", "Jwt__SigningKeys__0__Algorithm", "Tfa__SecretKeys__0__KeyId", "Tfa__SecretKeys__0__Key" })
        {
            start.Environment[key] = _cluster.Setting(key);
        }

        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync();
        var errors = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.That(process.ExitCode, Is.Zero, errors);
        return output.Split('\n').Single(l => l.StartsWith("client_secret: ", StringComparison.Ordinal))["client_secret: ".Length..].Trim();
    }

    private static void WaitForPath(ChromeDriver driver, string path)
    {
        try
        {
            new WebDriverWait(driver, TimeSpan.FromSeconds(15)).Until(d => new Uri(d.Url).AbsolutePath == path);
        }
        catch (WebDriverTimeoutException)
        {
            Assert.Fail($"Expected the browser at {path}, but it is at {driver.Url}: {driver.FindElement(By.TagName("body")).Text}");
        }
    }
}

/// <summary>
/// Clients doing what users do, through the balancer: sign up, sign in, refresh, read <c>/me</c>, ask for a reset
/// link. Every request's start, end and outcome is kept, and each client's refresh chains and accepted resets.
/// </summary>
public sealed class MixedLoad(ThreeNodeCluster cluster, int workers, bool withForgotPassword)
{
    private readonly ConcurrentQueue<Outcome> _outcomes = new();
    private readonly ConcurrentBag<Chain> _chains = [];
    private readonly Stopwatch _clock = new();

    public IReadOnlyCollection<Outcome> Outcomes => _outcomes;

    public IReadOnlyCollection<Chain> Chains => _chains;

    public ConcurrentDictionary<string, int> AcceptedResets { get; } = new();

    public ConcurrentDictionary<string, int> InFlightResets { get; } = new();

    public async Task RunAsync(TimeSpan duration, CancellationToken stop = default)
    {
        _clock.Start();
        await Task.WhenAll(Enumerable.Range(0, workers).Select(i => Task.Run(() => WorkAsync(i, duration, stop), CancellationToken.None)));
    }

    /// <summary>Waits until the load has run for <paramref name="elapsed"/>.</summary>
    public async Task WaitUntilAsync(TimeSpan elapsed)
    {
        while (!_clock.IsRunning || _clock.Elapsed < elapsed)
        {
            await Task.Delay(50);
        }
    }

    private async Task WorkAsync(int worker, TimeSpan duration, CancellationToken stop)
    {
        var random = new Random(worker);
        using var api = new ApiClient(cluster.Client());
        var users = new List<string>();
        var chains = new List<Chain>();
        while (_clock.Elapsed < duration && !stop.IsCancellationRequested)
        {
            var roll = random.Next(100);
            if (users.Count == 0 || roll < 10)
            {
                var email = ApiClient.NewEmail($"load{worker}");
                if (await SendAsync("signup", HttpStatusCode.Created, () => api.SignupAsync(email)) is not null)
                {
                    users.Add(email);
                }
            }
            else if (chains.Count == 0 || roll < 30)
            {
                var email = users[random.Next(users.Count)];
                if (await SendAsync("login", HttpStatusCode.OK, () => api.LoginAsync(email)) is { } body)
                {
                    var chain = new Chain(email) { RefreshToken = (string)body["refresh_token"]!, AccessToken = (string)body["access_token"]! };
                    chains.Add(chain);
                    _chains.Add(chain);
                }
            }
            else if (roll < 55)
            {
                var chain = chains[random.Next(chains.Count)];
                var body = await SendAsync("refresh", HttpStatusCode.OK, () => api.PostJsonAsync("/api/v1/auth/refresh", new { refresh_token = chain.RefreshToken }));
                if (body is null)
                {
                    // It may have rotated on a node that died before answering: the chain's fate is unknown, so it leaves the check.
                    chain.Uncertain = true;
                    chains.Remove(chain);
                }
                else
                {
                    chain.RefreshToken = (string)body["refresh_token"]!;
                    chain.AccessToken = (string)body["access_token"]!;
                }
            }
            else if (roll < 90 || !withForgotPassword)
            {
                var chain = chains[random.Next(chains.Count)];
                await SendAsync("me", HttpStatusCode.OK, () => api.GetAsync("/api/v1/auth/me", chain.AccessToken));
            }
            else
            {
                // At most four links an account an hour: the fifth would be (correctly) suppressed.
                var email = users[random.Next(users.Count)];
                if (AcceptedResets.GetValueOrDefault(email) + InFlightResets.GetValueOrDefault(email) >= 4)
                {
                    continue;
                }

                if (await SendAsync("forgot_password", HttpStatusCode.Accepted, () => api.PostJsonAsync("/api/v1/auth/forgot_password", new { email })) is null)
                {
                    InFlightResets.AddOrUpdate(email, 1, (_, n) => n + 1);
                }
                else
                {
                    AcceptedResets.AddOrUpdate(email, 1, (_, n) => n + 1);
                }
            }
        }
    }

    /// <returns>The JSON body when the answer was the expected one, else null (and the failure is recorded).</returns>
    private async Task<JsonObject?> SendAsync(string operation, HttpStatusCode expected, Func<Task<HttpResponseMessage>> send)
    {
        var started = DateTimeOffset.UtcNow;
        try
        {
            using var response = await send();
            var text = await response.Content.ReadAsStringAsync();
            var ok = response.StatusCode == expected;
            _outcomes.Enqueue(new Outcome(operation, started, DateTimeOffset.UtcNow, ok, $"{(int)response.StatusCode}"));
            return ok ? (text.Length > 0 ? JsonNode.Parse(text) as JsonObject : null) ?? [] : null;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
        {
            _outcomes.Enqueue(new Outcome(operation, started, DateTimeOffset.UtcNow, false, ex.GetType().Name));
            return null;
        }
    }

    public sealed record Outcome(string Operation, DateTimeOffset Started, DateTimeOffset Ended, bool Ok, string Detail);

    public sealed class Chain(string email)
    {
        public string Email { get; } = email;

        public string RefreshToken { get; set; } = "";

        public string AccessToken { get; set; } = "";

        public bool Uncertain { get; set; }
    }
}
