namespace Auth.WebApi.IntegrationTests.Support;

/// <summary>Tests that share one running service; they never collide because each signs up its own users.</summary>
public abstract class SharedServiceTests
{
    protected AuthApiFactory Factory { get; private set; } = null!;

    protected ApiClient Api { get; private set; } = null!;

    protected TfaSupport Tfa { get; private set; } = null!;

    /// <summary>Settings on top of the test defaults (see <see cref="AuthApiFactory"/>).</summary>
    protected virtual IReadOnlyDictionary<string, string?>? Settings => null;

    /// <summary>The issuer is the service's real address: for relying apps that read discovery.</summary>
    protected virtual bool IssuerAtOwnAddress => false;

    [OneTimeSetUp]
    public void StartService()
    {
        Factory = new AuthApiFactory(Settings, issuerAtOwnAddress: IssuerAtOwnAddress);
        Api = Factory.CreateApiClient();
        Tfa = new TfaSupport(Factory, Api);
    }

    [OneTimeTearDown]
    public async Task StopService()
    {
        Api.Dispose();
        await Factory.DisposeAsync();
    }
}

/// <summary>Tests that each need a service of their own: they move its clock or fill a counter.</summary>
public abstract class FreshServiceTests
{
    protected AuthApiFactory Factory { get; private set; } = null!;

    protected ApiClient Api { get; private set; } = null!;

    protected TfaSupport Tfa { get; private set; } = null!;

    protected virtual IReadOnlyDictionary<string, string?>? Settings => null;

    [SetUp]
    public void StartService()
    {
        Factory = new AuthApiFactory(Settings);
        Api = Factory.CreateApiClient();
        Tfa = new TfaSupport(Factory, Api);
    }

    [TearDown]
    public async Task StopService()
    {
        Api.Dispose();
        await Factory.DisposeAsync();
    }
}
