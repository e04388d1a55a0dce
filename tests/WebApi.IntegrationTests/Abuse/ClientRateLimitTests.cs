using System.Net;
using System.Net.Http.Json;
using Auth.WebApi.IntegrationTests.Support;

namespace Auth.WebApi.IntegrationTests.Abuse;

public sealed class ClientRateLimitTests
{
    private static Dictionary<string, string?> Limits(string? knownProxy = null)
    {
        var settings = new Dictionary<string, string?>
        {
            ["RateLimiting:Enabled"] = "true",
            ["RateLimiting:Policies:login:PermitLimit"] = "3",
            ["RateLimiting:Policies:login:Window"] = "01:00:00",
        };
        if (knownProxy is not null)
        {
            settings["Http:KnownProxies:0"] = knownProxy;
        }

        return settings;
    }

    private static async Task<HttpResponseMessage> LoginFromAsync(ApiClient api, string? forwardedFor)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/login")
        {
            Content = JsonContent.Create(new { email = ApiClient.NewEmail(), password = "whatever-password" }),
        };
        if (forwardedFor is not null)
        {
            request.Headers.Add("X-Forwarded-For", forwardedFor);
        }

        return await api.Http.SendAsync(request);
    }

    [Test]
    public async Task TheSignInPage_SharesTheLoginLimit_AndAnswersBeyondItWithAPage()
    {
        await using var factory = new AuthApiFactory(Limits());
        using var api = factory.CreateApiClient();
        for (var i = 0; i < 3; i++)
        {
            using var allowed = await LoginFromAsync(api, null);
        }

        using var browser = new FormBrowser();
        var page = new Uri(factory.BaseAddress, "/account/signin");
        using var shown = await browser.GetAsync(page);
        var html = await shown.Content.ReadAsStringAsync();
        var form = FormBrowser.Forms(html).Single(f => f.Action == "/account/signin").Hidden
            .Concat([new("Email", ApiClient.NewEmail()), new("Password", "whatever-password")]);
        using var limited = await browser.PostFormAsync(page, form);

        Assert.That(limited.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests));
        Assert.That(limited.Headers.RetryAfter, Is.Not.Null);
        Assert.That(limited.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/html"));
        Assert.That(await limited.Content.ReadAsStringAsync(), Does.Match(@"Try again in \d+ minutes"), "the page says when, from Retry-After");
    }

    [Test]
    public async Task BeyondThePerIpLimit_LoginGets429WithRetryAfter()
    {
        await using var factory = new AuthApiFactory(Limits());
        using var api = factory.CreateApiClient();

        for (var i = 0; i < 3; i++)
        {
            using var allowed = await LoginFromAsync(api, null);
            Assert.That(allowed.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        }

        using var limited = await LoginFromAsync(api, null);

        var problem = await ApiClient.ReadProblemAsync(limited, HttpStatusCode.TooManyRequests);
        Assert.That((string?)problem["code"], Is.EqualTo("rate_limited"));
        Assert.That(limited.Headers.RetryAfter?.Delta, Is.GreaterThan(TimeSpan.Zero));
    }

    [Test]
    public async Task XForwardedFor_IsIgnored_UnlessTheRequestCameThroughAConfiguredProxy()
    {
        await using var factory = new AuthApiFactory(Limits());
        using var api = factory.CreateApiClient();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            using var response = await LoginFromAsync(api, $"203.0.113.{i + 1}");
            statuses.Add(response.StatusCode);
        }

        Assert.That(statuses[3], Is.EqualTo(HttpStatusCode.TooManyRequests), "a spoofed header must not buy a fresh limit");
    }

    [Test]
    public async Task XForwardedFor_FromAConfiguredProxy_GivesEachClientItsOwnLimit()
    {
        await using var factory = new AuthApiFactory(Limits(knownProxy: "127.0.0.1"));
        using var api = factory.CreateApiClient();

        for (var i = 0; i < 3; i++)
        {
            using var first = await LoginFromAsync(api, "203.0.113.10");
            Assert.That(first.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        }

        using var other = await LoginFromAsync(api, "203.0.113.20");
        using var sameAgain = await LoginFromAsync(api, "203.0.113.10");

        Assert.That(other.StatusCode, Is.EqualTo(HttpStatusCode.Unauthorized));
        Assert.That(sameAgain.StatusCode, Is.EqualTo(HttpStatusCode.TooManyRequests));
    }
}
