using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Auth.Infrastructure.Metrics;
using Auth.TestCommon;
using Auth.WebApi.IntegrationTests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Auth.WebApi.IntegrationTests.Platform;

/// <summary>
/// An operator's Prometheus scrapes <c>/metrics</c> and sees sign-ins, hashing, tokens, sessions and the outbox; a
/// trace shows a login's password hash inside its request; a management port keeps both off the public address.
/// </summary>
public sealed partial class MetricsTests : SharedServiceTests
{
    [Test]
    public async Task AFailedAndASuccessfulSignIn_AreCounted_AtTheScrapeEndpoint()
    {
        var (email, _) = await Api.SignedInUserAsync();
        var before = await ScrapeAsync();

        using (var wrong = await Api.LoginAsync(email, TestPasswords.Other))
        {
            await ApiClient.ExpectAsync(wrong, HttpStatusCode.Unauthorized);
        }

        await Api.LoginTokensAsync(email);
        var after = await ScrapeAsync();

        Assert.That(Value(after, "auth_sign_in_failures_total", "event=\"login.failed\""),
            Is.GreaterThanOrEqualTo(Value(before, "auth_sign_in_failures_total", "event=\"login.failed\"") + 1),
            string.Join('\n', after.Split('\n').Where(l => l.StartsWith("auth_", StringComparison.Ordinal))));
        Assert.That(Value(after, "auth_sign_ins_total", "method=\"pwd\""),
            Is.GreaterThanOrEqualTo(Value(before, "auth_sign_ins_total", "method=\"pwd\"") + 1));
        Assert.That(after, Does.Not.Contain(email), "no address in the metrics");
    }

    [Test]
    public async Task HashingTokensSessionsAndTheOutbox_AreMeasured()
    {
        var (email, _) = await Api.SignedInUserAsync();
        using (var forgot = await Api.PostJsonAsync("/api/v1/auth/forgot_password", new { email }))
        {
            await ApiClient.ExpectAsync(forgot, HttpStatusCode.Accepted);
        }

        var gauges = await Factory.Services.GetRequiredService<ServiceGauges>().ReadOnceAsync(CancellationToken.None);
        var scrape = await ScrapeAsync();

        Assert.That(Value(scrape, "auth_password_hash_duration_seconds_count", ""), Is.GreaterThanOrEqualTo(2), "sign-up and login each hashed");
        Assert.That(Value(scrape, "auth_password_hash_queue_wait_seconds_count", ""), Is.GreaterThanOrEqualTo(2));
        Assert.That(Value(scrape, "auth_tokens_issued_total", "grant=\"sign_in\""), Is.GreaterThanOrEqualTo(1));
        Assert.That(gauges.ActiveSessions, Is.GreaterThanOrEqualTo(1));
        Assert.That(gauges.QueuedRequests, Is.GreaterThanOrEqualTo(1), "the forgot-password request waits for the worker (off in tests)");
        // The gauges are read from the static meter every service in this test process shares: present, not this one's alone.
        Assert.That(Gauge(scrape, "auth_sessions_active"), Is.GreaterThanOrEqualTo(1));
        Assert.That(Gauge(scrape, "auth_account_requests_depth"), Is.GreaterThanOrEqualTo(0));
        Assert.That(scrape, Does.Contain("auth_outbox_depth").And.Contain("auth_outbox_oldest_age_seconds"));
    }

    [Test]
    public async Task ALoginsPasswordHash_IsASpanInTheRequestsTrace()
    {
        var (email, _) = await Api.SignedInUserAsync();
        var traceId = ActivityTraceId.CreateRandom();
        var spans = new ConcurrentQueue<Activity>();

        // The request's own span ends after its answer is sent: the test waits for it, not for the answer.
        var requestEnded = new TaskCompletionSource<Activity>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is "Auth" or "Microsoft.AspNetCore",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (activity.TraceId == traceId)
                {
                    spans.Enqueue(activity);
                    if (activity.Source.Name == "Microsoft.AspNetCore")
                    {
                        requestEnded.TrySetResult(activity);
                    }
                }
            },
        };
        ActivitySource.AddActivityListener(listener);

        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/login")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new { email, password = TestPasswords.Strong }),
        };
        request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom()}-01");
        using var response = await Api.Http.SendAsync(request);

        await ApiClient.ExpectAsync(response, HttpStatusCode.OK);
        var server = await requestEnded.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var hash = spans.Single(s => s.OperationName == "password.hash");
        Assert.That(hash.ParentSpanId, Is.EqualTo(server.SpanId), "the hash is a child of the login request's span");
    }

    [Test]
    public async Task WithAManagementPort_HealthAndMetricsAnswerOnlyThere_AndTheApiNeverDoes()
    {
        var managementPort = AuthApiFactory.FreePort();
        await using var factory = new AuthApiFactory(new Dictionary<string, string?> { ["Management:Port"] = managementPort.ToString(CultureInfo.InvariantCulture) });
        factory.CreateApiClient().Dispose();
        var publicAddress = factory.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
            .Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()!.Addresses
            .Select(a => new Uri(a)).Single(a => a.Port != managementPort);
        using var api = new ApiClient(new HttpClient { BaseAddress = publicAddress });
        using var management = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{managementPort}/") };

        using var publicMetrics = await api.GetAsync("/metrics");
        using var publicHealth = await api.GetAsync("/health/ready");
        using var publicApi = await api.LoginAsync(ApiClient.NewEmail(), TestPasswords.Other);
        using var metrics = await management.GetAsync("metrics");
        using var health = await management.GetAsync("health/ready");
        using var apiOnManagement = await management.PostAsync("api/v1/auth/login", System.Net.Http.Json.JsonContent.Create(new { email = "a@b.c", password = "x" }));

        Assert.That((publicMetrics.StatusCode, publicHealth.StatusCode, publicApi.StatusCode),
            Is.EqualTo((HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.Unauthorized)));
        Assert.That((metrics.StatusCode, health.StatusCode, apiOnManagement.StatusCode),
            Is.EqualTo((HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.NotFound)));
        Assert.That(publicMetrics.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
    }

    private async Task<string> ScrapeAsync()
    {
        using var response = await Api.GetAsync("/metrics");
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>The sample of <paramref name="metric"/> whose labels include <paramref name="label"/> (0 before the first).</summary>
    private static double Value(string scrape, string metric, string label) =>
        Sample().Matches(scrape)
            .Where(m => m.Groups["name"].Value == metric && m.Groups["labels"].Value.Contains(label, StringComparison.Ordinal))
            .Select(m => double.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture))
            .DefaultIfEmpty(0).Sum();

    /// <summary>The first sample of a gauge (it has no labels of its own).</summary>
    private static double Gauge(string scrape, string metric) =>
        Sample().Matches(scrape).Where(m => m.Groups["name"].Value == metric)
            .Select(m => double.Parse(m.Groups["value"].Value, CultureInfo.InvariantCulture)).First();

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)\{(?<labels>[^}]*)\} (?<value>[0-9.eE+-]+)", RegexOptions.Multiline)]
    private static partial Regex Sample();
}
