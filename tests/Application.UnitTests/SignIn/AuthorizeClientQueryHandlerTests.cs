using Auth.Application.Common.Interfaces;
using Auth.Application.Sessions.GetSignedInSession;
using Auth.Application.SignIn.AuthorizeClient;
using Auth.Application.SignIn.Levels;
using Auth.TestCommon;
using Moq;

namespace Auth.Application.UnitTests.SignIn;

/// <summary>An OpenID Connect authorization: is the browser's session fresh enough, strong enough, and allowed?</summary>
public sealed class AuthorizeClientQueryHandlerTests
{
    private const string Mfa = AuthenticationLevels.MultiFactor;

    private readonly Mock<IClientRegistry> _clients = new();

    private readonly Mock<ISignInRequestStamps> _stamps = new();

    private static SignedInSession Session(string[] amr, TimeSpan age = default, bool hasSecondFactor = false) => new(
        Guid.NewGuid(), Guid.NewGuid(), "ada@example.com", true, "Ada", ["user"], amr, TestClock.Start - age, TestClock.Start.AddDays(1),
        hasSecondFactor, HasBoundPasskey: false);

    private async Task<ClientAuthorization> DecideAsync(
        SignedInSession? session, string[]? acr = null, TimeSpan? maxAge = null, bool forceSignIn = false, bool forceConsent = false,
        string? stamp = null)
    {
        var handler = new AuthorizeClientQueryHandler(_clients.Object, _stamps.Object, TestClock.Create());
        var result = await handler.Handle(
            new AuthorizeClientQuery(session, "hr-portal", ["openid", "email"], acr ?? [], maxAge, forceSignIn, forceConsent, "request-1", stamp),
            CancellationToken.None);
        return result.Value!;
    }

    /// <summary>The stamp "sent-at-T" reads back as T for this request only; anything else is forged.</summary>
    private void StampSentAt(DateTimeOffset at) =>
        _stamps.Setup(s => s.Read("sent-at-T", "request-1")).Returns(at);

    private void ClientIs(bool firstParty, string? consentId) =>
        _clients.Setup(c => c.FindConsentAsync(It.IsAny<Guid>(), "hr-portal", It.IsAny<IReadOnlyList<string>>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new ClientConsent("HR portal", firstParty, consentId));

    [Test]
    public async Task WithoutASession_TheBrowserSignsIn()
    {
        Assert.That((await DecideAsync(null)).Outcome, Is.EqualTo(ClientAuthorizationOutcome.SignIn));
    }

    [Test]
    public async Task PromptLogin_OrASignInOlderThanMaxAge_SignsInAgain()
    {
        ClientIs(firstParty: true, null);

        var promptLogin = await DecideAsync(Session(["pwd"]), forceSignIn: true);
        var tooOld = await DecideAsync(Session(["pwd"], TimeSpan.FromMinutes(10)), maxAge: TimeSpan.FromMinutes(5));
        var freshEnough = await DecideAsync(Session(["pwd"], TimeSpan.FromMinutes(1)), maxAge: TimeSpan.FromMinutes(5));

        Assert.Multiple(() =>
        {
            Assert.That(promptLogin.Outcome, Is.EqualTo(ClientAuthorizationOutcome.SignIn));
            Assert.That(tooOld.Outcome, Is.EqualTo(ClientAuthorizationOutcome.SignIn));
            Assert.That(freshEnough.Outcome, Is.EqualTo(ClientAuthorizationOutcome.Grant));
        });
    }

    [Test]
    public async Task AStrongerLevel_SignsInAgainWhenTheAccountCanReachIt_AndIsUnreachableWhenItCannot()
    {
        ClientIs(firstParty: true, null);

        var reachable = await DecideAsync(Session(["pwd"], hasSecondFactor: true), acr: [Mfa]);
        var unreachable = await DecideAsync(Session(["pwd"], hasSecondFactor: false), acr: [Mfa]);
        var met = await DecideAsync(Session(["pwd", "otp", "mfa"], hasSecondFactor: true), acr: [Mfa]);

        Assert.Multiple(() =>
        {
            Assert.That(reachable, Is.EqualTo(new ClientAuthorization(ClientAuthorizationOutcome.SignIn, Mfa)));
            Assert.That(unreachable.Outcome, Is.EqualTo(ClientAuthorizationOutcome.LevelUnreachable));
            Assert.That(met.Outcome, Is.EqualTo(ClientAuthorizationOutcome.Grant));
        });
    }

    [Test]
    public async Task AFirstPartyClient_IsGrantedWithoutConsent_EvenWithPromptConsent()
    {
        ClientIs(firstParty: true, null);

        var decision = await DecideAsync(Session(["pwd"]), forceConsent: true);

        Assert.That(decision, Is.EqualTo(new ClientAuthorization(ClientAuthorizationOutcome.Grant, ClientName: "HR portal")));
    }

    [Test]
    public async Task AThirdPartyClient_IsGrantedUnderTheStandingConsent_AskedWithoutOne_AndAskedAgainWithPromptConsent()
    {
        ClientIs(firstParty: false, "consent-1");
        var standing = await DecideAsync(Session(["pwd"]));
        var forced = await DecideAsync(Session(["pwd"]), forceConsent: true);
        ClientIs(firstParty: false, null);
        var none = await DecideAsync(Session(["pwd"]));

        Assert.Multiple(() =>
        {
            Assert.That(standing, Is.EqualTo(new ClientAuthorization(ClientAuthorizationOutcome.Grant, ClientName: "HR portal", ConsentId: "consent-1")));
            Assert.That(forced.Outcome, Is.EqualTo(ClientAuthorizationOutcome.AskConsent));
            Assert.That(none, Is.EqualTo(new ClientAuthorization(ClientAuthorizationOutcome.AskConsent, ClientName: "HR portal")));
        });
    }

    [Test]
    public async Task SendingTheBrowserToSignIn_StampsThisRequest()
    {
        _stamps.Setup(s => s.Issue("request-1", TestClock.Start)).Returns("stamp-now");

        var decision = await DecideAsync(null);

        Assert.That(decision.SignInStamp, Is.EqualTo("stamp-now"));
    }

    [Test]
    public async Task ASignInMadeAfterTheStamp_MeetsPromptLoginAndMaxAgeZero_Once()
    {
        ClientIs(firstParty: true, null);
        StampSentAt(TestClock.Start - TimeSpan.FromSeconds(40));
        var signedInSince = Session(["pwd"], age: TimeSpan.FromSeconds(30));

        var promptLogin = await DecideAsync(signedInSince, forceSignIn: true, stamp: "sent-at-T");
        var maxAgeZero = await DecideAsync(signedInSince, maxAge: TimeSpan.Zero, stamp: "sent-at-T");

        Assert.That(promptLogin.Outcome, Is.EqualTo(ClientAuthorizationOutcome.Grant));
        Assert.That(maxAgeZero.Outcome, Is.EqualTo(ClientAuthorizationOutcome.Grant), "no loop");
    }

    [Test]
    public async Task TheWayBackWithoutSigningIn_OrAForgedStamp_SignsInAgain()
    {
        ClientIs(firstParty: true, null);
        StampSentAt(TestClock.Start - TimeSpan.FromSeconds(40));
        var signedInBefore = Session(["pwd"], age: TimeSpan.FromMinutes(3));

        var notSignedInSince = await DecideAsync(signedInBefore, forceSignIn: true, stamp: "sent-at-T");
        var forged = await DecideAsync(Session(["pwd"]), forceSignIn: true, stamp: "made-up");

        Assert.That(notSignedInSince.Outcome, Is.EqualTo(ClientAuthorizationOutcome.SignIn));
        Assert.That(forged.Outcome, Is.EqualTo(ClientAuthorizationOutcome.SignIn));
    }
}
