using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Auth.TestCommon;

namespace Auth.WebApi.IntegrationTests.Support;

/// <summary>Speaks the API's JSON (snake_case) over a real HTTP connection, with helpers for the common steps.</summary>
public sealed class ApiClient(HttpClient http) : IDisposable
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    public HttpClient Http { get; } = http;

    public static string NewEmail(string name = "user") => $"{name}.{Guid.NewGuid():N}@example.com";

    public Task<HttpResponseMessage> PostJsonAsync(string path, object body, string? bearer = null) =>
        SendAsync(HttpMethod.Post, path, JsonContent.Create(body, options: Json), bearer);

    public Task<HttpResponseMessage> GetAsync(string path, string? bearer = null) =>
        SendAsync(HttpMethod.Get, path, null, bearer);

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, HttpContent? content, string? bearer = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        return await Http.SendAsync(request);
    }

    public Task<HttpResponseMessage> SignupAsync(string email, string password = TestPasswords.Strong, string fullName = "Test User") =>
        PostJsonAsync("/api/v1/auth/signup", new { email, password, full_name = fullName });

    public Task<HttpResponseMessage> LoginAsync(string email, string password = TestPasswords.Strong) =>
        PostJsonAsync("/api/v1/auth/login", new { email, password });

    /// <summary>Signs a new user up and in; returns the email and the token pair.</summary>
    public async Task<(string Email, Tokens Tokens)> SignedInUserAsync(string password = TestPasswords.Strong)
    {
        var email = NewEmail();
        using (var signup = await SignupAsync(email, password))
        {
            await ExpectAsync(signup, HttpStatusCode.Created);
        }

        return (email, await LoginTokensAsync(email, password));
    }

    public async Task<Tokens> LoginTokensAsync(string email, string password = TestPasswords.Strong)
    {
        using var login = await LoginAsync(email, password);
        return await ReadAsync<Tokens>(login, HttpStatusCode.OK);
    }

    public static async Task<T> ReadAsync<T>(HttpResponseMessage response, HttpStatusCode expected)
    {
        await ExpectAsync(response, expected);
        return (await response.Content.ReadFromJsonAsync<T>(Json))!;
    }

    public static async Task<JsonObject> ReadProblemAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        await ExpectAsync(response, expected);
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("application/problem+json"));
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }

    public static async Task ExpectAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (response.StatusCode != expected)
        {
            Assert.Fail($"Expected {(int)expected} but got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }

    public void Dispose() => Http.Dispose();
}

public sealed record Tokens(string AccessToken, string? RefreshToken, string TokenType, int ExpiresIn);

public sealed record UserBody(Guid Id, string Email, string FullName, bool TfaEnabled, DateTimeOffset CreatedAt);

public sealed record SessionBody(Guid Id, DateTimeOffset CreatedAt, DateTimeOffset LastUsedAt, string? UserAgent, string? IpAddress, bool Current);
