using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Auth.Application.Admin.Clients;
using Auth.Application.Admin.Clients.CreateClient;
using Auth.TestCommon;
using Auth.WebApi.IntegrationTests.Support;
using MediatR;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;

namespace Auth.WebApi.IntegrationTests.OpenIdConnect;

public sealed record RegisteredClient(string ClientId, string? Secret, string RedirectUri, string PostLogoutRedirectUri);

/// <summary>A PKCE pair (RFC 7636, S256).</summary>
public sealed record Pkce(string Verifier, string Challenge)
{
    public static Pkce Create()
    {
        var verifier = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));
        return new Pkce(verifier, Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier))));
    }
}

/// <summary>Drives the provider as a relying app and a user's browser would, over real HTTP.</summary>
public sealed class OidcFlow(AuthApiFactory factory, TfaSupport tfa)
{
    /// <summary>What most tests' apps ask for: everything, including the JSON API on the user's behalf (<c>api</c>).</summary>
    public const string DefaultScope = "openid profile email roles offline_access api";

    public Uri Base => factory.BaseAddress;

    public async Task<RegisteredClient> RegisterAsync(
        string type = "confidential", bool firstParty = true, IReadOnlyList<string>? grantTypes = null, string? redirectUri = null,
        string? postLogoutRedirectUri = null, string? clientId = null, IReadOnlyList<string>? scopes = null)
    {
        clientId ??= $"app-{Guid.NewGuid():N}"[..16];
        var redirect = redirectUri ?? $"http://127.0.0.1:9/{clientId}/callback";
        var postLogout = postLogoutRedirectUri ?? $"http://127.0.0.1:9/{clientId}/signed-out";
        using var scope = factory.Services.CreateScope();
        var created = await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new CreateClientCommand(
            null, clientId, $"App {clientId}", type, firstParty, [redirect], [postLogout], scopes ?? ClientVocabulary.Scopes, grantTypes));
        Assert.That(created.IsSuccess, Is.True, created.Error?.Description);
        return new RegisteredClient(clientId, created.Value.ClientSecret, redirect, postLogout);
    }

    /// <summary>A new user, and a browser signed in as them on the hosted pages (the caller disposes the browser).</summary>
    public async Task<(FormBrowser Browser, string Email)> SignedInBrowserAsync()
    {
        var (email, _) = await tfa.Api.SignedInUserAsync();
        var browser = new FormBrowser();
        using var signedIn = await SignInAsync(browser, email);
        Assert.That(browser.Cookies, Does.ContainKey("auth_session"));
        return (browser, email);
    }

    /// <summary>Signs the browser in on the hosted pages, passing the second factor with a fresh TOTP code when asked.</summary>
    public async Task<HttpResponseMessage> SignInAsync(FormBrowser browser, string email, string? totpSecret = null, string query = "")
    {
        var page = new Uri(Base, "/account/signin" + query);
        var posted = await browser.SubmitAsync(page, new Dictionary<string, string> { ["Email"] = email, ["Password"] = TestPasswords.Strong }, "/account/signin");
        Assert.That(posted.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), "password step: " + await posted.Content.ReadAsStringAsync());
        if (posted.Headers.Location?.OriginalString.StartsWith("/account/signin/tfa", StringComparison.Ordinal) == true)
        {
            Assert.That(totpSecret, Is.Not.Null, "The sign-in asked for a second factor.");
            factory.Clock.Advance(TimeSpan.FromSeconds(30));
            var tfaPage = new Uri(Base, posted.Headers.Location);
            posted.Dispose();
            posted = await browser.SubmitAsync(tfaPage, new Dictionary<string, string> { ["Code"] = tfa.CodeFor(totpSecret!) }, "/account/signin/tfa");
        }

        return posted;
    }

    public Uri AuthorizeUrl(RegisteredClient client, Pkce? pkce, IDictionary<string, string?>? extra = null)
    {
        var query = new Dictionary<string, string?>
        {
            ["client_id"] = client.ClientId,
            ["redirect_uri"] = client.RedirectUri,
            ["response_type"] = "code",
            ["scope"] = DefaultScope,
            ["state"] = "state-" + Guid.NewGuid().ToString("N"),
            ["nonce"] = "nonce-" + Guid.NewGuid().ToString("N"),
        };
        if (pkce is not null)
        {
            query["code_challenge"] = pkce.Challenge;
            query["code_challenge_method"] = "S256";
        }

        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            query[key] = value;
        }

        return new Uri(QueryHelpers.AddQueryString(new Uri(Base, "/connect/authorize").ToString(), query));
    }

    /// <summary>Follows the browser through the provider until it is sent away (to the app) or shown a page; returns that answer.</summary>
    public async Task<(HttpResponseMessage Response, Uri Url)> VisitAsync(FormBrowser browser, Uri url)
    {
        var response = await browser.GetAsync(url);
        while (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location is { } location
            && new Uri(url, location) is var next && next.Authority == Base.Authority)
        {
            response.Dispose();
            url = next;
            response = await browser.GetAsync(url);
        }

        return (response, url);
    }

    /// <summary>The query of the redirect back to the app (code, state, error …).</summary>
    public static Dictionary<string, string> CallbackOf(HttpResponseMessage response)
    {
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect), "expected a redirect back to the app");
        return QueryHelpers.ParseQuery(response.Headers.Location!.Query).ToDictionary(p => p.Key, p => p.Value.ToString());
    }

    public async Task<HttpResponseMessage> TokenAsync(RegisteredClient client, IDictionary<string, string> fields, string? secret = null)
    {
        var form = new Dictionary<string, string>(fields) { ["client_id"] = client.ClientId };
        if ((secret ?? client.Secret) is { } clientSecret)
        {
            form["client_secret"] = clientSecret;
        }

        using var http = new HttpClient();
        return await http.PostAsync(new Uri(Base, "/connect/token"), new FormUrlEncodedContent(form));
    }

    public Task<HttpResponseMessage> RedeemCodeAsync(RegisteredClient client, string code, string? verifier) =>
        TokenAsync(client, new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = code,
            ["redirect_uri"] = client.RedirectUri,
            ["code_verifier"] = verifier ?? "",
        }.Where(f => f.Value.Length > 0).ToDictionary());

    public Task<HttpResponseMessage> RefreshAsync(RegisteredClient client, string refreshToken) =>
        TokenAsync(client, new Dictionary<string, string> { ["grant_type"] = "refresh_token", ["refresh_token"] = refreshToken });

    /// <summary>The whole dance for a signed-in browser: authorize, take the code, redeem it.</summary>
    public async Task<JsonObject> TokensForAsync(FormBrowser browser, RegisteredClient client, IDictionary<string, string?>? extra = null)
    {
        var pkce = Pkce.Create();
        var (answer, _) = await VisitAsync(browser, AuthorizeUrl(client, pkce, extra));
        using (answer)
        {
            var callback = CallbackOf(answer);
            Assert.That(callback, Does.ContainKey("code"), string.Join(", ", callback.Select(c => $"{c.Key}={c.Value}")));
            using var redeemed = await RedeemCodeAsync(client, callback["code"], pkce.Verifier);
            return await ReadJsonAsync(redeemed, HttpStatusCode.OK);
        }
    }

    public static async Task<JsonObject> ReadJsonAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(expected), body);
        return JsonNode.Parse(body)!.AsObject();
    }
}
