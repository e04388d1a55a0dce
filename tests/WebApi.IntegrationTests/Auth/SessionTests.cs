using System.Net;
using Auth.TestCommon;
using Auth.WebApi.IntegrationTests.Support;

namespace Auth.WebApi.IntegrationTests.Auth;

public sealed class SessionTests : SharedServiceTests
{

    private async Task<IReadOnlyList<SessionBody>> SessionsAsync(string accessToken)
    {
        using var response = await Api.GetAsync("/api/v1/auth/sessions", accessToken);
        return await ApiClient.ReadAsync<List<SessionBody>>(response, HttpStatusCode.OK);
    }

    private Task<HttpResponseMessage> RefreshAsync(string? refreshToken) =>
        Api.PostJsonAsync("/api/v1/auth/refresh", new { refresh_token = refreshToken });

    [Test]
    public async Task Logout_Returns204_AndEndsTheSession()
    {
        var (_, tokens) = await Api.SignedInUserAsync();

        using var logout = await Api.PostJsonAsync("/api/v1/auth/logout", new { }, tokens.AccessToken);

        await ApiClient.ExpectAsync(logout, HttpStatusCode.NoContent);
        using var me = await Api.GetAsync("/api/v1/auth/me", tokens.AccessToken);
        await ApiClient.ReadProblemAsync(me, HttpStatusCode.Unauthorized);
        using var refresh = await RefreshAsync(tokens.RefreshToken);
        await ApiClient.ReadProblemAsync(refresh, HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task Logout_LeavesTheUsersOtherSessionsAlone()
    {
        var (email, laptop) = await Api.SignedInUserAsync();
        var phone = await Api.LoginTokensAsync(email);

        using var logout = await Api.PostJsonAsync("/api/v1/auth/logout", new { }, laptop.AccessToken);

        await ApiClient.ExpectAsync(logout, HttpStatusCode.NoContent);
        using var me = await Api.GetAsync("/api/v1/auth/me", phone.AccessToken);
        await ApiClient.ExpectAsync(me, HttpStatusCode.OK);
    }

    [Test]
    public async Task Sessions_ListsActiveSessions_MarkingTheCurrentOne()
    {
        var (email, first) = await Api.SignedInUserAsync();
        var second = await Api.LoginTokensAsync(email);

        var sessions = await SessionsAsync(second.AccessToken);

        var currentId = Guid.Parse(TokenForge.Payload(second.AccessToken)["sid"]!.ToString());
        Assert.That(sessions, Has.Count.EqualTo(2));
        Assert.That(sessions.Single(s => s.Current).Id, Is.EqualTo(currentId));
        Assert.That(sessions.All(s => s.IpAddress == "127.0.0.1"), Is.True);
        Assert.That(sessions.All(s => s.CreatedAt == TestClock.Start), Is.True);
        _ = first;
    }

    [Test]
    public async Task DeleteSession_Returns204_AndThatSessionStopsWorkingAtOnce()
    {
        var (email, mine) = await Api.SignedInUserAsync();
        var lost = await Api.LoginTokensAsync(email);
        var lostId = TokenForge.Payload(lost.AccessToken)["sid"]!.ToString();

        using var delete = await Api.SendAsync(HttpMethod.Delete, $"/api/v1/auth/sessions/{lostId}", null, mine.AccessToken);

        await ApiClient.ExpectAsync(delete, HttpStatusCode.NoContent);
        using var lostMe = await Api.GetAsync("/api/v1/auth/me", lost.AccessToken);
        await ApiClient.ReadProblemAsync(lostMe, HttpStatusCode.Unauthorized);
        using var lostRefresh = await RefreshAsync(lost.RefreshToken);
        await ApiClient.ReadProblemAsync(lostRefresh, HttpStatusCode.Unauthorized);
        Assert.That((await SessionsAsync(mine.AccessToken)).Select(s => s.Id.ToString()), Does.Not.Contain(lostId));

        using var again = await Api.SendAsync(HttpMethod.Delete, $"/api/v1/auth/sessions/{lostId}", null, mine.AccessToken);
        var problem = await ApiClient.ReadProblemAsync(again, HttpStatusCode.NotFound);
        Assert.That((string?)problem["code"], Is.EqualTo("session.not_found"));
    }

    [Test]
    public async Task DeleteSession_OfAnotherUser_Returns404_AndLeavesItAlone()
    {
        var (_, mine) = await Api.SignedInUserAsync();
        var (_, theirs) = await Api.SignedInUserAsync();
        var theirId = TokenForge.Payload(theirs.AccessToken)["sid"]!.ToString();

        using var delete = await Api.SendAsync(HttpMethod.Delete, $"/api/v1/auth/sessions/{theirId}", null, mine.AccessToken);

        await ApiClient.ReadProblemAsync(delete, HttpStatusCode.NotFound);
        using var theirMe = await Api.GetAsync("/api/v1/auth/me", theirs.AccessToken);
        await ApiClient.ExpectAsync(theirMe, HttpStatusCode.OK);
    }

    [Test]
    public async Task ChangePassword_Returns204_RevokesEveryOtherSession_AndKeepsThisOne()
    {
        var (email, current) = await Api.SignedInUserAsync();
        var other = await Api.LoginTokensAsync(email);

        using var change = await Api.PostJsonAsync("/api/v1/auth/change_password",
            new { current_password = TestPasswords.Strong, new_password = TestPasswords.Other }, current.AccessToken);

        await ApiClient.ExpectAsync(change, HttpStatusCode.NoContent);
        using (var otherMe = await Api.GetAsync("/api/v1/auth/me", other.AccessToken))
        {
            await ApiClient.ReadProblemAsync(otherMe, HttpStatusCode.Unauthorized);
        }

        using (var otherRefresh = await RefreshAsync(other.RefreshToken))
        {
            await ApiClient.ReadProblemAsync(otherRefresh, HttpStatusCode.Unauthorized);
        }

        using (var currentMe = await Api.GetAsync("/api/v1/auth/me", current.AccessToken))
        {
            await ApiClient.ExpectAsync(currentMe, HttpStatusCode.OK);
        }

        using (var oldPassword = await Api.LoginAsync(email, TestPasswords.Strong))
        {
            await ApiClient.ReadProblemAsync(oldPassword, HttpStatusCode.Unauthorized);
        }

        using var newPassword = await Api.LoginAsync(email, TestPasswords.Other);
        await ApiClient.ExpectAsync(newPassword, HttpStatusCode.OK);
    }

    [Test]
    public async Task ChangePassword_WithTheWrongCurrentPassword_Returns403_AndChangesNothing()
    {
        var (email, tokens) = await Api.SignedInUserAsync();

        using var change = await Api.PostJsonAsync("/api/v1/auth/change_password",
            new { current_password = "not-my-password", new_password = TestPasswords.Other }, tokens.AccessToken);

        var problem = await ApiClient.ReadProblemAsync(change, HttpStatusCode.Forbidden);
        Assert.That((string?)problem["code"], Is.EqualTo("auth.wrong_current_password"));
        using var login = await Api.LoginAsync(email);
        await ApiClient.ExpectAsync(login, HttpStatusCode.OK);
    }

    [Test]
    public async Task ChangePassword_ToAWeakOne_Returns400SayingWhy()
    {
        var (email, tokens) = await Api.SignedInUserAsync();

        using var common = await Api.PostJsonAsync("/api/v1/auth/change_password",
            new { current_password = TestPasswords.Strong, new_password = "qwertyuiop" }, tokens.AccessToken);
        using var withEmail = await Api.PostJsonAsync("/api/v1/auth/change_password",
            new { current_password = TestPasswords.Strong, new_password = email[..email.IndexOf('@')] + "!" }, tokens.AccessToken);

        var first = await ApiClient.ReadProblemAsync(common, HttpStatusCode.BadRequest);
        var second = await ApiClient.ReadProblemAsync(withEmail, HttpStatusCode.BadRequest);
        Assert.That((string?)first["error_codes"]!["new_password"]![0], Is.EqualTo("password.too_common"));
        Assert.That((string?)second["error_codes"]!["new_password"]![0], Is.EqualTo("password.contains_email"));
    }
}

/// <summary>Two nodes of one deployment share a database; a revocation on one reaches the other within one sync interval.</summary>
public sealed class CrossNodeRevocationTests
{
    [Test]
    public async Task ARevocationOnOneNode_IsEnforcedByAnotherAfterItsNextSync()
    {
        await using var nodeA = new AuthApiFactory();
        using var apiA = nodeA.CreateApiClient();
        var (_, tokens) = await apiA.SignedInUserAsync();

        await using var nodeB = new AuthApiFactory(dataDirectory: nodeA.DataDirectory);
        using var apiB = nodeB.CreateApiClient();
        using (var before = await apiB.GetAsync("/api/v1/auth/me", tokens.AccessToken))
        {
            await ApiClient.ExpectAsync(before, HttpStatusCode.OK);
        }

        using (var logout = await apiA.PostJsonAsync("/api/v1/auth/logout", new { }, tokens.AccessToken))
        {
            await ApiClient.ExpectAsync(logout, HttpStatusCode.NoContent);
        }

        // Node B has not synchronised yet: within the documented window it may still accept the token.
        using (var stale = await apiB.GetAsync("/api/v1/auth/me", tokens.AccessToken))
        {
            await ApiClient.ExpectAsync(stale, HttpStatusCode.OK);
        }

        nodeB.Clock.Advance(TimeSpan.FromSeconds(15));
        await nodeB.RevocationSynchronizer.SyncOnceAsync(CancellationToken.None);

        using var after = await apiB.GetAsync("/api/v1/auth/me", tokens.AccessToken);
        await ApiClient.ReadProblemAsync(after, HttpStatusCode.Unauthorized);
    }
}
