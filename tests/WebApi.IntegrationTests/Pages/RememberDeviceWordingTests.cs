using System.Net;
using Auth.TestCommon;
using Auth.WebApi.IntegrationTests.Support;

namespace Auth.WebApi.IntegrationTests.Pages;

/// <summary>The second-step page says how long "remember this device" lasts, and does not offer it when it is turned off.</summary>
public sealed class RememberDeviceWordingTests
{
    private static async Task<string> SecondStepPageAsync(AuthApiFactory factory)
    {
        using var api = factory.CreateApiClient();
        var user = await new TfaSupport(factory, api).SignupAsync("code_generator");
        using var browser = new FormBrowser();
        using var password = await browser.SubmitAsync(new Uri(factory.BaseAddress, "/account/signin"),
            new Dictionary<string, string> { ["Email"] = user.Email, ["Password"] = TestPasswords.Strong }, "/account/signin");
        Assert.That(password.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        using var page = await browser.GetAsync(new Uri(factory.BaseAddress, "/account/signin/tfa"));
        return await page.Content.ReadAsStringAsync();
    }

    [Test]
    public async Task TheChoiceSaysItsDuration()
    {
        await using var factory = new AuthApiFactory();

        var html = await SecondStepPageAsync(factory);

        Assert.That(html, Does.Contain("Remember this device for 30 days").And.Not.Contain(">Remember this device<"));
    }

    [Test]
    public async Task TurnedOff_TheChoiceIsNotOffered()
    {
        await using var factory = new AuthApiFactory(new Dictionary<string, string?> { ["Tfa:RememberDeviceLifetime"] = "00:00:00" });

        var html = await SecondStepPageAsync(factory);

        Assert.That(html, Does.Contain("id=\"code\"").And.Not.Contain("name=\"RememberDevice\""));
    }
}
