using System.Net;
using System.Text.Json.Nodes;
using Auth.WebApi.IntegrationTests.Support;

namespace Auth.WebApi.IntegrationTests.Admin;

/// <summary>
/// The short lists (API keys, clients, one's own sessions) stay arrays, a page at a time: the next page is the
/// <c>Link rel="next"</c> header, followed as it came, until every item was listed once.
/// </summary>
public sealed class ShortListPagingTests : FreshServiceTests
{
    /// <summary>Follows the next links from <paramref name="first"/>; the ids of every item, in the order they came.</summary>
    private async Task<List<string>> WalkAsync(string first, string token, string idField)
    {
        var ids = new List<string>();
        var next = (string?)first;
        var pages = 0;
        while (next is not null && pages++ < 20)
        {
            using var response = await Api.GetAsync(next, token);
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
            ids.AddRange(JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsArray().Select(i => (string)i![idField]!));
            next = response.Headers.TryGetValues("Link", out var links)
                ? links.Select(l => System.Text.RegularExpressions.Regex.Match(l, "^<([^>]+)>; rel=\"next\"$")).Single(m => m.Success).Groups[1].Value
                : null;
        }

        return ids;
    }

    [Test]
    public async Task ApiKeys_PageByTheNextLink_OldestFirst_EachOnce()
    {
        var admin = await Tfa.AdminTokenAsync();
        var created = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            using var response = await Api.PostJsonAsync("/api/v1/admin/api_keys", new { name = $"key {i}", scopes = new[] { "users:read" } }, admin);
            await ApiClient.ExpectAsync(response, HttpStatusCode.Created);
            created.Add((string)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["id"]!);
            Factory.Clock.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.That(await WalkAsync("/api/v1/admin/api_keys?page_size=2", admin, "id"), Is.EqualTo(created));
        Assert.That(await WalkAsync("/api/v1/admin/api_keys", admin, "id"), Is.EqualTo(created), "one page when the list is short");
    }

    [Test]
    public async Task Clients_PageByTheNextLink_InClientIdOrder_EachOnce()
    {
        var admin = await Tfa.AdminTokenAsync();
        var ids = new[] { "svc-c", "svc-a", "svc-e", "svc-b", "svc-d" };
        foreach (var id in ids)
        {
            using var response = await Api.PostJsonAsync("/api/v1/admin/clients",
                new { client_id = id, display_name = id, client_type = "confidential", grant_types = new[] { "client_credentials" } }, admin);
            await ApiClient.ExpectAsync(response, HttpStatusCode.Created);
        }

        var walked = await WalkAsync("/api/v1/admin/clients?page_size=2", admin, "client_id");

        Assert.That(walked.Where(ids.Contains), Is.EqualTo(ids.Order(StringComparer.Ordinal)));
        Assert.That(walked, Is.Unique);
    }

    [Test]
    public async Task Sessions_PageByTheNextLink_MostRecentlyUsedFirst_EachOnce()
    {
        var (email, tokens) = await Api.SignedInUserAsync();
        for (var i = 0; i < 4; i++)
        {
            Factory.Clock.Advance(TimeSpan.FromSeconds(1));
            await Api.LoginTokensAsync(email);
        }

        var walked = await WalkAsync("/api/v1/auth/sessions?page_size=2", tokens.AccessToken, "id");
        using var all = await Api.GetAsync("/api/v1/auth/sessions", tokens.AccessToken);
        var listed = JsonNode.Parse(await all.Content.ReadAsStringAsync())!.AsArray();

        Assert.That(walked, Has.Count.EqualTo(5).And.Unique);
        Assert.That(walked, Is.EqualTo(listed.Select(s => (string)s!["id"]!)));
        Assert.That(listed.Select(s => (DateTimeOffset)s!["last_used_at"]!), Is.Ordered.Descending);
    }

    [TestCase("page_size=0", "page_size", "page_size.invalid")]
    [TestCase("page_size=101", "page_size", "page_size.invalid")]
    [TestCase("cursor=not-a-cursor", "cursor", "cursor.invalid")]
    public async Task PagingMistakes_Get400WithACode_OnTheParameter(string query, string parameter, string code)
    {
        var admin = await Tfa.AdminTokenAsync();
        foreach (var path in new[] { "/api/v1/admin/api_keys?", "/api/v1/admin/clients?", "/api/v1/auth/sessions?" })
        {
            using var response = await Api.GetAsync(path + query, admin);

            var problem = await ApiClient.ReadProblemAsync(response, HttpStatusCode.BadRequest);
            Assert.That((string?)problem["error_codes"]?[parameter]?[0], Is.EqualTo(code), path);
        }
    }
}
