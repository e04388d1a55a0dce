using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Auth.WebApi.IntegrationTests.Browser;

/// <summary>
/// A line-of-business app as a .NET team would write it: stock <c>AddOpenIdConnect</c> for its pages and stock
/// <c>AddJwtBearer</c> for its API, configured with the authority, client id, secret and <c>ResponseType = "code"</c>
/// (plus, because the test runs over plain HTTP on localhost, <c>RequireHttpsMetadata = false</c>). Its pages print what it learned, for the test to read.
/// </summary>
public sealed class RelyingApp : IAsyncDisposable
{
    private readonly WebApplication _app;

    private RelyingApp(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    public Uri Address { get; }

    /// <summary>On <c>localhost</c>, as the service is: the same site, and a host name WebAuthn accepts (an IP address is not a valid RP id).</summary>
    public static Uri AddressAt(int port) => new($"http://localhost:{port}/");

    public static async Task<RelyingApp> StartAsync(int port, Uri authority, string clientId, string clientSecret, string apiAudience)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, port));
        builder.Services.AddAuthentication(options =>
            {
                options.DefaultScheme = CookieAuthenticationDefaults.AuthenticationScheme;
                options.DefaultChallengeScheme = OpenIdConnectDefaults.AuthenticationScheme;
            })
            .AddCookie()
            .AddOpenIdConnect(options =>
            {
                options.Authority = authority.ToString();
                options.ClientId = clientId;
                options.ClientSecret = clientSecret;

                // The handler's default is the implicit id_token flow, which Auth does not offer (RFC 9700): ask for a code.
                options.ResponseType = "code";
                options.RequireHttpsMetadata = false;
                options.SaveTokens = true;
                options.MapInboundClaims = false;
                options.Scope.Add("email");
                options.Scope.Add("offline_access");

                // The app calls Auth's JSON API as the user, which only a token granted this scope may do.
                options.Scope.Add("api");

                // The handler drops acr from the user's claims by default; an app that checks the level keeps it.
                options.ClaimActions.Remove("acr");

                // Step-up as apps write it: a challenge that names the level it needs.
                options.Events.OnRedirectToIdentityProvider = context =>
                {
                    if (context.Properties.Items.TryGetValue("acr_values", out var acr))
                    {
                        context.ProtocolMessage.AcrValues = acr;
                    }

                    return Task.CompletedTask;
                };
            })
            .AddJwtBearer("api", options =>
            {
                options.Authority = authority.ToString();
                options.Audience = apiAudience;
                options.RequireHttpsMetadata = false;
                options.MapInboundClaims = false;
            });
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy("api", policy => policy.AddAuthenticationSchemes("api").RequireAuthenticatedUser());
        builder.Services.AddHttpClient();

        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapGet("/", (HttpContext context) => Results.Text($"Hello {context.User.FindFirst("email")?.Value}")).RequireAuthorization();

        // What the ID token said about the sign-in.
        app.MapGet("/claims", (HttpContext context) => Results.Text(
            $"acr={context.User.FindFirst("acr")?.Value}; amr={string.Join(',', context.User.FindAll("amr").Select(c => c.Value))}"))
            .RequireAuthorization();

        // A page that needs a phishing-resistant sign-in (a passkey): it sends the user back to Auth asking for it.
        app.MapGet("/phishing-resistant", (HttpContext context) =>
            context.User.FindFirst("acr")?.Value == "urn:auth:acr:phishing-resistant"
                ? Results.Redirect("/claims")
                : Results.Challenge(
                    new AuthenticationProperties(new Dictionary<string, string?> { ["acr_values"] = "urn:auth:acr:phishing-resistant" }) { RedirectUri = "/claims" },
                    [OpenIdConnectDefaults.AuthenticationScheme]));

        // The app's API: what a validated access token says.
        app.MapGet("/api/whoami", (HttpContext context) => Results.Text(
            $"sub={context.User.FindFirst("sub")?.Value}; sid={context.User.FindFirst("sid")?.Value}; " +
            $"amr={string.Join(',', context.User.FindAll("amr").Select(c => c.Value))}")).RequireAuthorization("api");

        // The page calls the API with the user's access token, as a web app calls its back end.
        app.MapGet("/call-api", async (HttpContext context, IHttpClientFactory http) =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(new Uri(context.Request.Scheme + "://" + context.Request.Host), "/api/whoami"));
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await context.GetTokenAsync("access_token"));
            using var response = await http.CreateClient().SendAsync(request);
            return Results.Text($"api {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }).RequireAuthorization();

        // A refresh with the saved refresh token at the provider's token endpoint; the new tokens replace the old ones.
        app.MapGet("/refresh", async (HttpContext context, IHttpClientFactory http, IOptionsMonitor<OpenIdConnectOptions> oidc) =>
        {
            var options = oidc.Get(OpenIdConnectDefaults.AuthenticationScheme);
            var configuration = await options.ConfigurationManager!.GetConfigurationAsync(context.RequestAborted);
            var signedIn = await context.AuthenticateAsync();
            using var response = await http.CreateClient().PostAsync(configuration.TokenEndpoint, new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "refresh_token",
                ["refresh_token"] = signedIn.Properties!.GetTokenValue("refresh_token")!,
                ["client_id"] = options.ClientId!,
                ["client_secret"] = options.ClientSecret!,
            }));
            var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            if (!response.IsSuccessStatusCode)
            {
                return Results.Text($"refresh failed: {body["error"]}");
            }

            var properties = signedIn.Properties!;
            properties.UpdateTokenValue("access_token", (string)body["access_token"]!);
            properties.UpdateTokenValue("refresh_token", (string)body["refresh_token"]!);
            await context.SignInAsync(signedIn.Principal!, properties);
            return Results.Text("refreshed");
        }).RequireAuthorization();

        app.MapGet("/signout", () => Results.SignOut(
            new AuthenticationProperties { RedirectUri = "/signed-out" },
            [CookieAuthenticationDefaults.AuthenticationScheme, OpenIdConnectDefaults.AuthenticationScheme]));
        app.MapGet("/signed-out", () => Results.Text("Signed out of the app"));

        await app.StartAsync();
        return new RelyingApp(app, AddressAt(port));
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
