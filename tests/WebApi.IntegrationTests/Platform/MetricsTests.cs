using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Auth.TestCommon;
using Auth.WebApi.IntegrationTests.Support;

namespace Auth.WebApi.IntegrationTests.Platform;

/// <summary>An operator's Prometheus scrapes <c>/metrics</c> and sees failed and completed sign-ins counted.</summary>
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

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)\{(?<labels>[^}]*)\} (?<value>[0-9.eE+-]+)", RegexOptions.Multiline)]
    private static partial Regex Sample();
}
