using System.Net;
using System.Text.Json.Nodes;
using Auth.WebApi.IntegrationTests.Cluster;
using Auth.WebApi.IntegrationTests.Support;

namespace Auth.WebApi.IntegrationTests.Platform;

/// <summary>
/// The binary started from another directory, on another port, with one address setting (<c>Jwt:Issuer</c>): its
/// settings files, stylesheet and scripts are found, and emailed links, discovery and passkeys all use that address.
/// </summary>
public sealed class PublicAddressTests
{
    [Test]
    public async Task StartedAnywhereWithOnlyTheIssuer_LinksDiscoveryPasskeysAndAssetsFollowIt()
    {
        var port = AuthApiFactory.FreePort();
        var issuer = $"http://localhost:{port}/";
        var workDirectory = Directory.CreateTempSubdirectory("auth-anywhere-").FullName;
        var node = new ThreeNodeCluster.Node("anywhere", port, workDirectory, new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["Jwt__Issuer"] = issuer,
        });
        try
        {
            await node.StartAsync();
            using var http = new HttpClient { BaseAddress = node.Address };
            using var api = new ApiClient(new HttpClient { BaseAddress = node.Address });

            using var stylesheet = await http.GetAsync("css/site.css");
            using var script = await http.GetAsync("js/passkey.js");
            Assert.That((stylesheet.StatusCode, script.StatusCode), Is.EqualTo((HttpStatusCode.OK, HttpStatusCode.OK)));

            var discovery = JsonNode.Parse(await http.GetStringAsync(".well-known/openid-configuration"))!;
            Assert.That((string?)discovery["issuer"], Is.EqualTo(issuer));
            Assert.That((string?)discovery["token_endpoint"], Does.StartWith(issuer));
            Assert.That((string?)discovery["jwks_uri"], Does.StartWith(issuer));

            // appsettings.Development.json beside the binary was read: an unverified address may sign in.
            var email = ApiClient.NewEmail("anywhere");
            using (var signup = await api.SignupAsync(email))
            {
                await ApiClient.ExpectAsync(signup, HttpStatusCode.Created);
            }

            await api.LoginTokensAsync(email);
            var mail = Path.Combine(workDirectory, "data", "mail");
            var link = await WaitForLinkAsync(mail);
            Assert.That(link, Does.StartWith($"{issuer}verify-email?token="));

            using var browser = new FormBrowser();
            using var page = await browser.GetAsync(new Uri(node.Address, "/account/signin"));
            var token = FormBrowser.Forms(await page.Content.ReadAsStringAsync()).First(f => f.Action == "/account/signin/passkey")
                .Hidden.Single(h => h.Key == "__RequestVerificationToken").Value;
            using var options = await browser.PostFormAsync(new Uri(node.Address, "/account/signin/passkey/options"), [new("__RequestVerificationToken", token)]);
            Assert.That((string?)JsonNode.Parse(await options.Content.ReadAsStringAsync())!["options"]!["rpId"], Is.EqualTo("localhost"));
        }
        finally
        {
            await node.StopHardAsync();
            Directory.Delete(workDirectory, recursive: true);
        }
    }

    [Test]
    public async Task InDevelopment_ListeningWhereTheIssuerDoesNotPoint_IsSaidAtStart()
    {
        var port = AuthApiFactory.FreePort();
        var workDirectory = Directory.CreateTempSubdirectory("auth-elsewhere-").FullName;
        var node = new ThreeNodeCluster.Node("elsewhere", port, workDirectory, new Dictionary<string, string> { ["ASPNETCORE_ENVIRONMENT"] = "Development" });
        try
        {
            await node.StartAsync();

            // Said once the server listens (its addresses are known then): wait for the line, bounded.
            const string Line = "Jwt:Issuer is http://localhost:5000/ but the service listens on";
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            while (!node.Tail.Contains(Line, StringComparison.Ordinal) && !deadline.IsCancellationRequested)
            {
                await Task.Delay(50, CancellationToken.None);
            }

            Assert.That(node.Tail, Does.Contain(Line));
        }
        finally
        {
            await node.StopHardAsync();
            Directory.Delete(workDirectory, recursive: true);
        }
    }

    private static async Task<string> WaitForLinkAsync(string folder)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            var text = Directory.Exists(folder) ? string.Join('\n', Directory.GetFiles(folder, "*.eml").Select(File.ReadAllText)) : "";
            var match = System.Text.RegularExpressions.Regex.Match(text, @"http\S*verify-email\?token=\S+");
            if (match.Success)
            {
                return match.Value;
            }

            await Task.Delay(100, deadline.Token);
        }
    }
}
