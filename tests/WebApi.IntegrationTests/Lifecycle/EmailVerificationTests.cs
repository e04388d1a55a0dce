using System.Net;
using System.Text.Json.Nodes;
using Auth.TestCommon;
using Auth.WebApi.IntegrationTests.Support;

namespace Auth.WebApi.IntegrationTests.Lifecycle;

/// <summary>Email addresses are verified before anything trusts them (Accounts:RequireVerifiedEmail, the production default).</summary>
public sealed class EmailVerificationTests : SharedServiceTests
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Accounts:RequireVerifiedEmail"] = "true",
    };

    private async Task<string> SignedUpAsync()
    {
        var email = ApiClient.NewEmail();
        using var signup = await Api.SignupAsync(email);
        Assert.That((bool)JsonNode.Parse(await signup.Content.ReadAsStringAsync())!["email_verified"]!, Is.False);
        return email;
    }

    [Test]
    public async Task UntilTheLinkIsUsed_ARightPasswordGets403_AWrongOne401_AndNoSessionStarts()
    {
        var email = await SignedUpAsync();

        using (var right = await Api.LoginAsync(email))
        {
            var problem = await ApiClient.ReadProblemAsync(right, HttpStatusCode.Forbidden);
            Assert.That((string?)problem["code"], Is.EqualTo("auth.email_unverified"));
        }

        using (var wrong = await Api.LoginAsync(email, TestPasswords.Other))
        {
            await ApiClient.ExpectAsync(wrong, HttpStatusCode.Unauthorized);
        }

        await Tfa.VerifyEmailAsync(email);
        var tokens = await Api.LoginTokensAsync(email);
        using var me = await Api.GetAsync("/api/v1/auth/me", tokens.AccessToken);
        Assert.That((bool)JsonNode.Parse(await me.Content.ReadAsStringAsync())!["email_verified"]!, Is.True);
        Assert.That((bool)TokenForge.Payload(tokens.AccessToken)["email_verified"]!, Is.True);
    }

    [Test]
    public async Task AVerificationLink_WorksOnce()
    {
        var email = await SignedUpAsync();
        var token = await Tfa.VerificationTokenAsync(email);
        using (var first = await Api.PostJsonAsync("/api/v1/auth/verify_email", new { token }))
        {
            await ApiClient.ExpectAsync(first, HttpStatusCode.NoContent);
        }

        using var again = await Api.PostJsonAsync("/api/v1/auth/verify_email", new { token });
        var problem = await ApiClient.ReadProblemAsync(again, HttpStatusCode.BadRequest);
        Assert.That((string?)problem["code"], Is.EqualTo("auth.verification_token_invalid"));
    }

    [Test]
    public async Task AVerificationLink_ExpiresAfter24Hours()
    {
        var email = await SignedUpAsync();
        var token = await Tfa.VerificationTokenAsync(email);

        Factory.Clock.Advance(TimeSpan.FromHours(24));

        using var late = await Api.PostJsonAsync("/api/v1/auth/verify_email", new { token });
        await ApiClient.ReadProblemAsync(late, HttpStatusCode.BadRequest);
    }

    [Test]
    public async Task Resend_AnswersAlikeForAnyAddress_AndItsLinkReplacesTheOldOne()
    {
        var email = await SignedUpAsync();
        var old = await Tfa.VerificationTokenAsync(email);
        Factory.Clock.Advance(TimeSpan.FromSeconds(1));

        using var known = await Api.PostJsonAsync("/api/v1/auth/verify_email/resend", new { email });
        using var unknown = await Api.PostJsonAsync("/api/v1/auth/verify_email/resend", new { email = ApiClient.NewEmail("nobody") });

        Assert.That(known.StatusCode, Is.EqualTo(HttpStatusCode.Accepted));
        Assert.That(await known.Content.ReadAsStringAsync(), Is.EqualTo(await unknown.Content.ReadAsStringAsync()));
        var fresh = await Tfa.VerificationTokenAsync(email);
        Assert.That(fresh, Is.Not.EqualTo(old));
        using (var stale = await Api.PostJsonAsync("/api/v1/auth/verify_email", new { token = old }))
        {
            await ApiClient.ReadProblemAsync(stale, HttpStatusCode.BadRequest);
        }

        using var verified = await Api.PostJsonAsync("/api/v1/auth/verify_email", new { token = fresh });
        await ApiClient.ExpectAsync(verified, HttpStatusCode.NoContent);
    }

    [Test]
    public async Task ADeviceChosenAtSignup_IsNotAsked_UntilItsFirstCodeIsConfirmed()
    {
        var email = ApiClient.NewEmail();
        using (var signup = await Api.PostJsonAsync("/api/v1/auth/signup", new
               {
                   email, password = TestPasswords.Strong, full_name = "Tfa User", tfa_enabled = true, device = new { device_type = "code_generator" },
               }))
        {
            await ApiClient.ExpectAsync(signup, HttpStatusCode.Created);
        }

        await Tfa.VerifyEmailAsync(email);
        using var login = await Api.LoginAsync(email);
        await ApiClient.ExpectAsync(login, HttpStatusCode.OK);
    }

    [Test]
    public async Task TheAdminUserView_SaysWhetherTheEmailIsVerified()
    {
        var email = await SignedUpAsync();
        var admin = await Tfa.AdminTokenAsync();

        using var list = await Api.GetAsync($"/api/v1/admin/users?query={Uri.EscapeDataString(email)}", admin);
        var user = JsonNode.Parse(await list.Content.ReadAsStringAsync())!["items"]![0]!;
        Assert.That((bool)user["email_verified"]!, Is.False);
    }
}
