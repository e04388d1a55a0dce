using Auth.TestCommon;
using Auth.WebApi.IntegrationTests.OpenIdConnect;
using Auth.WebApi.IntegrationTests.Support;
using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using OpenQA.Selenium.Support.UI;

namespace Auth.WebApi.IntegrationTests.Browser;

/// <summary>
/// One headless Chromium (Debian's <c>chromium</c> and <c>chromium-driver</c>, which tests/run installs), one service
/// and one relying app for every browser test: starting a browser costs seconds. The service's fake clock starts at
/// the real time, so the relying app (which checks token lifetimes on the real clock) accepts what it issues.
/// </summary>
[SetUpFixture]
public sealed class BrowserFixture
{
    public const string RelyingAppClientId = "relying-app";

    public static AuthApiFactory Service { get; private set; } = null!;

    public static ApiClient Api { get; private set; } = null!;

    public static TfaSupport Tfa { get; private set; } = null!;

    public static OidcFlow Oidc { get; private set; } = null!;

    public static ChromeDriver Driver { get; private set; } = null!;

    public static RelyingApp App { get; private set; } = null!;

    private static string _profile = "";

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        // On localhost (WebAuthn refuses an IP address as RP id); passkeys may also be used from sub.localhost, so a
        // test can show that an allowed origin still cannot use a key made for another RP id.
        Service = new AuthApiFactory(
            new Dictionary<string, string?>
            {
                ["Passkeys:Origins:0"] = "http://localhost:{port}",
                ["Passkeys:Origins:1"] = "http://sub.localhost:{port}",
            },
            issuerAtOwnAddress: true, publicHost: "localhost");
        Service.Clock.SetUtcNow(DateTimeOffset.UtcNow);
        Api = Service.CreateApiClient();
        Tfa = new TfaSupport(Service, Api);
        Oidc = new OidcFlow(Service, Tfa);

        var appPort = AuthApiFactory.FreePort();
        var appAddress = RelyingApp.AddressAt(appPort);
        var client = await Oidc.RegisterAsync(redirectUri: new Uri(appAddress, "signin-oidc").ToString(),
            postLogoutRedirectUri: new Uri(appAddress, "signout-callback-oidc").ToString(), clientId: RelyingAppClientId);
        App = await RelyingApp.StartAsync(appPort, Service.PublicAddress, client.ClientId, client.Secret!, Service.Audience);

        _profile = Directory.CreateTempSubdirectory("auth-chromium-").FullName;
        Driver = StartChromium(_profile);
    }

    /// <summary>Headless Chromium with its WebDriver, on a profile folder of its own (the caller deletes it after Quit).</summary>
    public static ChromeDriver StartChromium(string profile)
    {
        var options = new ChromeOptions { BinaryLocation = "/usr/bin/chromium" };
        options.AddArguments(
            "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run", "--window-size=1100,1000", $"--user-data-dir={profile}");
        var driverService = ChromeDriverService.CreateDefaultService("/usr/bin", "chromedriver");
        driverService.SuppressInitialDiagnosticInformation = true;
        driverService.HideCommandPromptWindow = true;
        var driver = new ChromeDriver(driverService, options, TimeSpan.FromSeconds(60));

        // A click that submits a form may return before the next page is there: finding an element polls for it.
        driver.Manage().Timeouts().ImplicitWait = TimeSpan.FromSeconds(10);
        return driver;
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        Driver?.Quit();
        Driver?.Dispose();
        if (App is not null)
        {
            await App.DisposeAsync();
        }

        Api?.Dispose();
        if (Service is not null)
        {
            await Service.DisposeAsync();
        }

        if (_profile.Length > 0)
        {
            Directory.Delete(_profile, recursive: true);
        }
    }
}

/// <summary>Base of the browser tests: each starts with no cookies (the service and the app share localhost).</summary>
public abstract class BrowserTests
{
    protected static ChromeDriver Driver => BrowserFixture.Driver;

    protected static Uri Auth => BrowserFixture.Service.PublicAddress;

    [SetUp]
    public void ForgetCookies()
    {
        Driver.Navigate().GoToUrl(new Uri(Auth, "/css/site.css"));
        Driver.Manage().Cookies.DeleteAllCookies();
    }

    protected static void Open(Uri root, string path) => Driver.Navigate().GoToUrl(new Uri(root, path));

    protected static IWebElement Find(string id) => Driver.FindElement(By.Id(id));

    protected static void Type(string id, string text)
    {
        var field = Find(id);
        field.Clear();
        field.SendKeys(text);
    }

    /// <summary>Waits (polling the page, not sleeping a fixed time) until the browser is at <paramref name="path"/>.</summary>
    protected static void WaitForPath(string path)
    {
        try
        {
            new WebDriverWait(Driver, TimeSpan.FromSeconds(15)).Until(d => new Uri(d.Url).AbsolutePath == path);
        }
        catch (WebDriverTimeoutException)
        {
            Assert.Fail($"Expected the browser at {path}, but it is at {Driver.Url}: {Body}");
        }
    }

    /// <summary>Whether the page has no such element, asked without the implicit wait (which is for elements that will come).</summary>
    protected static bool IsAbsent(By by)
    {
        var timeouts = Driver.Manage().Timeouts();
        var wait = timeouts.ImplicitWait;
        timeouts.ImplicitWait = TimeSpan.Zero;
        try
        {
            return Driver.FindElements(by).Count == 0;
        }
        finally
        {
            timeouts.ImplicitWait = wait;
        }
    }

    protected static string Body => Driver.FindElement(By.TagName("body")).Text;

    /// <summary>With <c>AUTH_SCREENSHOTS</c> set to a folder, saves the page there (how the screenshots in README and docs/ are made).</summary>
    protected static void Screenshot(string name)
    {
        if (Environment.GetEnvironmentVariable("AUTH_SCREENSHOTS") is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
            Driver.GetScreenshot().SaveAsFile(Path.Combine(folder, $"{name}.png"));
        }
    }

    /// <summary>Signs in on the hosted page, passing the authenticator-app step with a fresh code when asked.</summary>
    protected static void SignIn(string email, string? totpSecret = null)
    {
        WaitForPath("/account/signin");
        Type("email", email);
        Type("password", TestPasswords.Strong);
        Screenshot("sign-in");
        Find("sign-in").Click();
        if (totpSecret is not null)
        {
            WaitForPath("/account/signin/tfa");
            Screenshot("second-step");
            BrowserFixture.Service.Clock.Advance(TimeSpan.FromSeconds(30));
            Type("code", BrowserFixture.Tfa.CodeFor(totpSecret));
            Find("verify").Click();
        }
    }
}
