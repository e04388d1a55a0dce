using System.Net;
using Auth.WebApi.IntegrationTests.Support;

namespace Auth.WebApi.IntegrationTests.Auth;

public sealed class RefreshTests : FreshServiceTests
{

    private Task<HttpResponseMessage> RefreshAsync(string? refreshToken) =>
        Api.PostJsonAsync("/api/v1/auth/refresh", new { refresh_token = refreshToken });

    [Test]
    public async Task Refresh_ReturnsANewPair_NotCached_AndTheNewAccessTokenWorks()
    {
        var (_, tokens) = await Api.SignedInUserAsync();

        using var response = await RefreshAsync(tokens.RefreshToken);

        var fresh = await ApiClient.ReadAsync<Tokens>(response, HttpStatusCode.OK);
        Assert.Multiple(() =>
        {
            Assert.That(fresh.RefreshToken, Is.Not.EqualTo(tokens.RefreshToken));
            Assert.That(fresh.AccessToken, Is.Not.EqualTo(tokens.AccessToken));
            Assert.That(TokenForge.Payload(fresh.AccessToken)["sid"]!.ToString(), Is.EqualTo(TokenForge.Payload(tokens.AccessToken)["sid"]!.ToString()));
            Assert.That(response.Headers.CacheControl?.NoStore, Is.True);
        });
        using var me = await Api.GetAsync("/api/v1/auth/me", fresh.AccessToken);
        await ApiClient.ExpectAsync(me, HttpStatusCode.OK);
    }

    [Test]
    public async Task Refresh_WithASpentToken_RevokesTheWholeSession()
    {
        var (_, tokens) = await Api.SignedInUserAsync();
        using var first = await RefreshAsync(tokens.RefreshToken);
        var fresh = await ApiClient.ReadAsync<Tokens>(first, HttpStatusCode.OK);

        using var replay = await RefreshAsync(tokens.RefreshToken);

        var problem = await ApiClient.ReadProblemAsync(replay, HttpStatusCode.Unauthorized);
        Assert.That((string?)problem["code"], Is.EqualTo("auth.refresh_token_reused"));
        using var legitimateNext = await RefreshAsync(fresh.RefreshToken);
        await ApiClient.ReadProblemAsync(legitimateNext, HttpStatusCode.Unauthorized);
        using var me = await Api.GetAsync("/api/v1/auth/me", fresh.AccessToken);
        await ApiClient.ReadProblemAsync(me, HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task Refresh_TwoParallelExchangesOfOneToken_ExactlyOneWins()
    {
        var (_, tokens) = await Api.SignedInUserAsync();

        var responses = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => RefreshAsync(tokens.RefreshToken)));

        Assert.That(responses.Count(r => r.StatusCode == HttpStatusCode.OK), Is.EqualTo(1));
        Assert.That(responses.Count(r => r.StatusCode == HttpStatusCode.Unauthorized), Is.EqualTo(1));
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [TestCase("")]
    [TestCase("unknown-token")]
    public async Task Refresh_WithAnUnknownOrMissingToken_Returns401Or400(string token)
    {
        using var response = await RefreshAsync(token);

        Assert.That(response.StatusCode, Is.EqualTo(token.Length == 0 ? HttpStatusCode.BadRequest : HttpStatusCode.Unauthorized));
    }

    [Test]
    public async Task Refresh_AfterTheSlidingLifetimeWithoutUse_Returns401()
    {
        var (_, tokens) = await Api.SignedInUserAsync();

        Factory.Clock.Advance(TimeSpan.FromDays(14));
        using var response = await RefreshAsync(tokens.RefreshToken);

        var problem = await ApiClient.ReadProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.That((string?)problem["code"], Is.EqualTo("auth.invalid_refresh_token"));
    }

    [Test]
    public async Task AccessToken_ExpiresAfterItsLifetimePlusSkew_ButRefreshStillWorks()
    {
        var (_, tokens) = await Api.SignedInUserAsync();

        Factory.Clock.Advance(TimeSpan.FromMinutes(10) + TimeSpan.FromSeconds(29));
        using (var withinSkew = await Api.GetAsync("/api/v1/auth/me", tokens.AccessToken))
        {
            await ApiClient.ExpectAsync(withinSkew, HttpStatusCode.OK);
        }

        Factory.Clock.Advance(TimeSpan.FromSeconds(2));
        using (var expired = await Api.GetAsync("/api/v1/auth/me", tokens.AccessToken))
        {
            await ApiClient.ReadProblemAsync(expired, HttpStatusCode.Unauthorized);
        }

        using var refreshed = await RefreshAsync(tokens.RefreshToken);
        var fresh = await ApiClient.ReadAsync<Tokens>(refreshed, HttpStatusCode.OK);
        using var me = await Api.GetAsync("/api/v1/auth/me", fresh.AccessToken);
        await ApiClient.ExpectAsync(me, HttpStatusCode.OK);
    }
}
