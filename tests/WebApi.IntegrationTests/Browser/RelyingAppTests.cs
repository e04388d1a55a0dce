namespace Auth.WebApi.IntegrationTests.Browser;

/// <summary>The definition of done: a stock OpenID Connect app signs a TFA user in through Auth, in a real browser.</summary>
public sealed class StockRelyingAppTests : BrowserTests
{
    [Test]
    public async Task TfaUser_SignsInThroughAuth_CallsTheApi_Refreshes_AndSignsOut()
    {
        var user = await BrowserFixture.Tfa.SignupAsync("code_generator");

        Open(BrowserFixture.App.Address, "/");
        SignIn(user.Email, user.Secret);
        WaitForPath("/");
        Assert.That(Body, Is.EqualTo($"Hello {user.Email}"));

        Open(BrowserFixture.App.Address, "/call-api");
        var firstCall = Body;
        Assert.That(firstCall, Does.StartWith("api 200: sub=").And.Contain("amr=").And.Contain("otp"));

        Open(BrowserFixture.App.Address, "/refresh");
        Assert.That(Body, Is.EqualTo("refreshed"));
        Open(BrowserFixture.App.Address, "/call-api");
        Assert.That(Body, Does.StartWith("api 200: sub="));

        Open(BrowserFixture.App.Address, "/signout");
        WaitForPath("/signed-out");
        Assert.That(Body, Is.EqualTo("Signed out of the app"));

        // Signed out of Auth too: its session is revoked, so the app's refresh token is dead and Auth asks for a sign-in.
        Open(Auth, "/account");
        WaitForPath("/account/signin");
    }

    [Test]
    public void ANewUserOfAnApp_SignsUpFromItsSignInPage_AndEndsBackInTheApp()
    {
        var email = Support.ApiClient.NewEmail("newcomer");

        Open(BrowserFixture.App.Address, "/");
        WaitForPath("/account/signin");
        Assert.That(Find("app-name").Text, Is.EqualTo($"Sign in to continue to App {BrowserFixture.RelyingAppClientId}."));
        Find("signup").Click();
        WaitForPath("/account/signup");
        Type("full-name", "New Comer");
        Type("email", email);
        Type("password", TestCommon.TestPasswords.Strong);
        Find("sign-up").Click();
        Find("next").Click();
        WaitForPath("/account/signin");
        Type("email", email);
        Type("password", TestCommon.TestPasswords.Strong);
        Find("sign-in").Click();

        WaitForPath("/");
        Assert.That(Body, Is.EqualTo($"Hello {email}"), "back in the app that sent the new user");
    }
}
