using System.Net;
using Auth.WebApi.IntegrationTests.Support;

namespace Auth.WebApi.IntegrationTests.Pages;

/// <summary>An organisation puts its name, colour and logo on the pages by configuration alone.</summary>
public sealed class BrandingTests
{
    [Test]
    public async Task TheConfiguredNameColourAndLogo_AreOnThePages()
    {
        var logo = Path.Combine(Path.GetTempPath(), $"auth-logo-{Guid.NewGuid():N}.png");
        await File.WriteAllBytesAsync(logo, Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="));
        try
        {
            await using var factory = new AuthApiFactory(new Dictionary<string, string?>
            {
                ["Branding:ProductName"] = "Contoso ID",
                ["Branding:PrimaryColor"] = "#7a1fa2",
                ["Branding:LogoFile"] = logo,
            });
            using var browser = new FormBrowser();

            using var page = await browser.GetAsync(new Uri(factory.BaseAddress, "/account/signin"));
            var html = await page.Content.ReadAsStringAsync();
            using var stylesheet = await browser.GetAsync(new Uri(factory.BaseAddress, "/css/brand.css"));
            using var image = await browser.GetAsync(new Uri(factory.BaseAddress, "/brand/logo"));

            Assert.That(html, Does.Contain("<title>Sign in · Contoso ID</title>").And.Contain("href=\"/css/brand.css\"").And.Contain("src=\"/brand/logo\""));
            Assert.That(html, Does.Contain(">Contoso ID</a>"));
            Assert.That(await stylesheet.Content.ReadAsStringAsync(), Does.Contain("--accent: #7a1fa2"));
            Assert.That((image.StatusCode, image.Content.Headers.ContentType?.MediaType), Is.EqualTo((HttpStatusCode.OK, "image/png")));
        }
        finally
        {
            File.Delete(logo);
        }
    }
}
