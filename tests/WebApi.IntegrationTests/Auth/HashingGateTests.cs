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
}
