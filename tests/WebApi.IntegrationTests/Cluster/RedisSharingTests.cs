using System.Net;
using System.Net.Http.Json;
using Auth.Application.Common.Interfaces;
using Auth.TestCommon;
using Auth.WebApi.IntegrationTests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Auth.WebApi.IntegrationTests.Cluster;

/// <summary>
/// With <c>Redis:Configuration</c> set (a real redis-server here), per-IP limits are one count for every node and a
/// revocation reaches every node at once; when Redis goes away the nodes fall back to limiting alone, never to errors.
/// </summary>
public sealed class RedisSharingTests
{
    private static Dictionary<string, string?> Settings(RedisServer redis) => new()
    {
        ["Redis:Configuration"] = redis.Configuration,
        ["Redis:KeyPrefix"] = $"auth-test-{Guid.NewGuid():N}:",
        ["RateLimiting:Enabled"] = "true",
        ["RateLimiting:Policies:login:PermitLimit"] = "4",
        ["RateLimiting:Policies:login:Window"] = "01:00:00",

        // The longest allowed, far longer than the test: a revocation that reaches the other node got there by Redis, not by the database poll.
        ["Jwt:RevocationSyncInterval"] = "00:00:30",
    };

    private static async Task<HttpStatusCode> WrongLoginAsync(ApiClient api)
    {
        using var response = await api.Http.PostAsJsonAsync("/api/v1/auth/login", new { email = ApiClient.NewEmail(), password = "whatever-password" });
        return response.StatusCode;
    }

    [Test]
    public async Task PerIpLimits_CountOnceForEveryNode()
    {
        await using var redis = await RedisServer.StartAsync();
        var settings = Settings(redis);
        await using var nodeA = new AuthApiFactory(settings);
        await using var nodeB = new AuthApiFactory(settings, dataDirectory: nodeA.DataDirectory);
        using var apiA = nodeA.CreateApiClient();
        using var apiB = nodeB.CreateApiClient();

        var allowed = new[] { await WrongLoginAsync(apiA), await WrongLoginAsync(apiB), await WrongLoginAsync(apiA), await WrongLoginAsync(apiB) };
        using var fifth = await apiB.Http.PostAsJsonAsync("/api/v1/auth/login", new { email = ApiClient.NewEmail(), password = "whatever-password" });

        Assert.That(allowed, Has.All.EqualTo(HttpStatusCode.Unauthorized), "four tries across two nodes are within a limit of four");
        var problem = await ApiClient.ReadProblemAsync(fifth, HttpStatusCode.TooManyRequests);
        Assert.That((string?)problem["code"], Is.EqualTo("rate_limited"));
        Assert.That(fifth.Headers.RetryAfter?.Delta, Is.GreaterThan(TimeSpan.FromMinutes(50)), "Retry-After comes from the shared window");
    }

    [Test]
    public async Task ASignOutOnOneNode_IsRefusedOnTheOtherWithoutWaitingForTheDatabasePoll()
    {
        await using var redis = await RedisServer.StartAsync();
        var settings = Settings(redis);
        settings["RateLimiting:Enabled"] = "false";
        await using var nodeA = new AuthApiFactory(settings);
        await using var nodeB = new AuthApiFactory(settings, dataDirectory: nodeA.DataDirectory);
        using var apiA = nodeA.CreateApiClient();
        using var apiB = nodeB.CreateApiClient();
        var (_, tokens) = await apiA.SignedInUserAsync();
        using (var before = await apiB.GetAsync("/api/v1/auth/me", tokens.AccessToken))
        {
            await ApiClient.ExpectAsync(before, HttpStatusCode.OK);
        }

        using (var logout = await apiA.PostJsonAsync("/api/v1/auth/logout", new { }, tokens.AccessToken))
        {
            await ApiClient.ExpectAsync(logout, HttpStatusCode.NoContent);
        }

        // Pub/sub is asynchronous: wait (bounded) for node B to hear of it, then ask B.
        var sessionId = Guid.Parse((string)TokenForge.Payload(tokens.AccessToken)["sid"]!);
        var heard = nodeB.Services.GetRequiredService<IRevokedSessionCache>();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!heard.Contains(sessionId) && !deadline.IsCancellationRequested)
        {
            await Task.Delay(20, CancellationToken.None);
        }

        using var after = await apiB.GetAsync("/api/v1/auth/me", tokens.AccessToken);
        Assert.That(after.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task WhenRedisGoesAway_EachNodeLimitsAlone_AndNothingFails()
    {
        await using var redis = await RedisServer.StartAsync();
        var settings = Settings(redis);
        await using var node = new AuthApiFactory(settings);
        using var api = node.CreateApiClient();
        Assert.That(await WrongLoginAsync(api), Is.EqualTo(HttpStatusCode.Unauthorized));

        await redis.DisposeAsync();
        var answers = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
        {
            answers.Add(await WrongLoginAsync(api));
        }

        // The local window starts empty when Redis goes away: four more tries, then 429; never a 500.
        Assert.That(answers, Is.EqualTo(new[]
        {
            HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized,
            HttpStatusCode.TooManyRequests,
        }));
        Assert.That(node.Logs.Events, Has.Some.Contains("each node counts rate limits alone"));
    }
}
