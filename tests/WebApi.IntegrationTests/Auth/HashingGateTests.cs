using System.Net;
using Auth.TestCommon;
using Auth.WebApi.IntegrationTests.Support;

namespace Auth.WebApi.IntegrationTests.Auth;

public sealed class HashingGateTests
{
    [Test]
    public async Task ALoginFlood_BeyondTheHashingGate_Gets503WithRetryAfter_NotExhaustedMemory()
    {
        // One hashing slot, no queue, 64 MiB per hash: parallel logins must overlap and be shed.
        await using var factory = new AuthApiFactory(new Dictionary<string, string?>
        {
            ["PasswordHashing:MaxConcurrency"] = "1",
            ["PasswordHashing:QueueLimit"] = "0",
            ["PasswordHashing:MemoryKiB"] = "65536",
            ["PasswordHashing:Iterations"] = "3",
        });
        using var api = factory.CreateApiClient();
        var (email, _) = await api.SignedInUserAsync();

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => api.LoginAsync(email, TestPasswords.Strong)));

        var shed = responses.Where(r => r.StatusCode == HttpStatusCode.ServiceUnavailable).ToList();
        Assert.That(responses.Any(r => r.StatusCode == HttpStatusCode.OK), Is.True);
        Assert.That(shed, Is.Not.Empty);
        var problem = await ApiClient.ReadProblemAsync(shed[0], HttpStatusCode.ServiceUnavailable);
        Assert.That((string?)problem["code"], Is.EqualTo("server.busy"));
        Assert.That(shed[0].Headers.RetryAfter?.Delta, Is.GreaterThan(TimeSpan.Zero));
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [Test]
    public async Task LoginsShedForBusyHashing_DoNotCountTowardTheAccountsThrottle()
    {
        await using var factory = new AuthApiFactory(new Dictionary<string, string?>
        {
            ["PasswordHashing:MaxConcurrency"] = "1",
            ["PasswordHashing:QueueLimit"] = "0",
            ["PasswordHashing:MemoryKiB"] = "65536",
            ["PasswordHashing:Iterations"] = "3",
        });
        using var api = factory.CreateApiClient();
        var (email, _) = await api.SignedInUserAsync();

        var burst = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => api.LoginAsync(email, "wrong password 1")));
        var shed = burst.Count(r => r.StatusCode == HttpStatusCode.ServiceUnavailable);
        foreach (var response in burst)
        {
            response.Dispose();
        }

        // Five tries are free. Had the shed ones counted, the account would now be throttled.
        var counted = 12 - shed;
        Assert.That(shed, Is.GreaterThanOrEqualTo(8), "most of the burst is shed");
        for (var i = counted; i < 4; i++)
        {
            using var wrong = await api.LoginAsync(email, "wrong password 2");
            Assert.That(wrong.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        }

        using var right = await api.LoginAsync(email, TestPasswords.Strong);
        Assert.That(right.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }
}
