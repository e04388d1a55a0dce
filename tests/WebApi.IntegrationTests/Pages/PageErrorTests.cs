using System.Net;
using Auth.WebApi.IntegrationTests.Support;

namespace Auth.WebApi.IntegrationTests.Pages;

/// <summary>A browser that reaches a failure gets a readable page; an app calling the API still gets problem details.</summary>
public sealed class PageErrorTests : SharedServiceTests
{
    [Test]
    public async Task AnUnknownPage_AnswersWithAReadable404Page()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/account/no-such-page");
        request.Headers.Accept.ParseAdd("text/html,application/xhtml+xml");

        using var response = await Api.Http.SendAsync(request);
        var html = await response.Content.ReadAsStringAsync();

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        Assert.That(response.Content.Headers.ContentType?.MediaType, Is.EqualTo("text/html"));
        Assert.That(html, Does.Contain("Page not found").And.Not.Contain("\"code\""));
        Assert.That(response.Headers.GetValues("Content-Security-Policy").Single(), Does.Contain("default-src 'none'"));
    }

    [Test]
    public async Task AnUnknownApiPath_StillAnswersWithProblemDetails()
    {
        using var response = await Api.GetAsync("/api/v1/no-such-endpoint");

        var problem = await ApiClient.ReadProblemAsync(response, HttpStatusCode.NotFound);
        Assert.That((string?)problem["code"], Is.Not.Null);
    }

    [Test]
    public async Task AnAccountPagePostedWithoutASession_SendsTheBrowserToSignIn_AndChangesNothing()
    {
        using var browser = new FormBrowser();

        using var response = await browser.PostFormAsync(new Uri(Factory.BaseAddress, "/account/password"),
            [new("CurrentPassword", "x"), new("NewPassword", "y")]);

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.Redirect));
        Assert.That(response.Headers.Location!.AbsolutePath, Is.EqualTo("/account/signin"));
    }
}
