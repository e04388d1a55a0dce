using System.Net;
using System.Net.Http.Json;
using System.Text;
using Auth.TestCommon;
using Auth.WebApi.IntegrationTests.Support;

namespace Auth.WebApi.IntegrationTests.Auth;

public sealed class SignupTests : SharedServiceTests
{

    [Test]
    public async Task Signup_WithValidInput_Returns201WithTheUser()
    {
        var email = ApiClient.NewEmail("Ada");

        using var response = await Api.SignupAsync(email, fullName: "Ada Lovelace");

        var user = await ApiClient.ReadAsync<UserBody>(response, HttpStatusCode.Created);
        Assert.Multiple(() =>
        {
            Assert.That(user.Email, Is.EqualTo(email));
            Assert.That(user.FullName, Is.EqualTo("Ada Lovelace"));
            Assert.That(user.TfaEnabled, Is.False);
            Assert.That(user.Id, Is.Not.EqualTo(Guid.Empty));
            Assert.That(user.CreatedAt, Is.EqualTo(TestClock.Start));
        });
    }

    [Test]
    public async Task Signup_ResponseBody_HasExactlyTheDocumentedFields()
    {
        using var response = await Api.SignupAsync(ApiClient.NewEmail());

        var body = await response.Content.ReadAsStringAsync();
        var keys = System.Text.Json.Nodes.JsonNode.Parse(body)!.AsObject().Select(p => p.Key);
        Assert.That(keys, Is.EquivalentTo(new[] { "id", "email", "email_verified", "full_name", "tfa_enabled", "created_at" }));
    }

    [Test]
    public async Task Signup_WhenEmailDiffersOnlyInCase_Returns409()
    {
        var email = ApiClient.NewEmail("Grace");
        using var first = await Api.SignupAsync(email);
        await ApiClient.ExpectAsync(first, HttpStatusCode.Created);

        using var second = await Api.SignupAsync(email.ToUpperInvariant());

        var problem = await ApiClient.ReadProblemAsync(second, HttpStatusCode.Conflict);
        Assert.That((string?)problem["code"], Is.EqualTo("auth.email_taken"));
    }

    [Test]
    public async Task AnAddressIsCanonicalisedOnce_ACompatibilitySpellingIsTheSameMailbox_AndATrailingDotIsRefused()
    {
        var email = ApiClient.NewEmail("sam");
        var longS = "\u017F" + email[1..]; // "ſam…": the long s is an s
        using (var first = await Api.SignupAsync(longS))
        {
            var body = await ApiClient.ReadAsync<System.Text.Json.Nodes.JsonNode>(first, HttpStatusCode.Created);
            Assert.That((string?)body["email"], Is.EqualTo(email), "stored, and mailed to, in its canonical spelling");
        }

        using (var second = await Api.SignupAsync(email))
        {
            Assert.That((string?)(await ApiClient.ReadProblemAsync(second, HttpStatusCode.Conflict))["code"], Is.EqualTo("auth.email_taken"));
        }

        using (var fullWidth = await Api.LoginAsync("\uFF53" + email[1..]))
        {
            await ApiClient.ExpectAsync(fullWidth, HttpStatusCode.OK);
        }

        using var trailingDot = await Api.SignupAsync(ApiClient.NewEmail() + ".");
        await ApiClient.ReadProblemAsync(trailingDot, HttpStatusCode.BadRequest);
    }

    [TestCase("", "password.required")]
    [TestCase("short1!", "password.too_short")]
    [TestCase("password123", "password.too_common")]
    [TestCase("Password123", "password.too_common")]
    [TestCase("iloveyou2", "password.too_common")]
    public async Task Signup_WithAWeakPassword_Returns400SayingWhy(string password, string expectedCode)
    {
        using var response = await Api.SignupAsync(ApiClient.NewEmail(), password);

        var problem = await ApiClient.ReadProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Multiple(() =>
        {
            Assert.That((string?)problem["code"], Is.EqualTo("request.validation_failed"));
            Assert.That((string?)problem["error_codes"]!["password"]![0], Is.EqualTo(expectedCode));
            Assert.That(problem["errors"]!["password"]![0]!.ToString(), Is.Not.Empty);
            Assert.That(problem.ToJsonString(), Does.Not.Contain(password.Length > 0 ? password : "\"password\":\"\""));
        });
    }

    [Test]
    public async Task Signup_WhenPasswordContainsTheEmailName_Returns400()
    {
        var email = $"marguerite{Guid.NewGuid():N}"[..16] + "@example.com";
        var password = "my " + email[..email.IndexOf('@')] + " secret";

        using var response = await Api.SignupAsync(email, password);

        var problem = await ApiClient.ReadProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.That((string?)problem["error_codes"]!["password"]![0], Is.EqualTo("password.contains_email"));
    }

    [Test]
    public async Task Signup_CountsPasswordLengthInCodePoints_AfterNfkc()
    {
        // Seven code points once "e" + combining acute become "é": too short, though it is 8 UTF-16 chars.
        var sevenAfterNormalisation = "cafe\u0301xyz";
        using var tooShort = await Api.SignupAsync(ApiClient.NewEmail(), sevenAfterNormalisation);
        var problem = await ApiClient.ReadProblemAsync(tooShort, HttpStatusCode.BadRequest);
        Assert.That((string?)problem["error_codes"]!["password"]![0], Is.EqualTo("password.too_short"));

        // Eight astral-plane emoji are 16 UTF-16 chars but 8 code points: long enough.
        using var emoji = await Api.SignupAsync(ApiClient.NewEmail(), string.Concat(Enumerable.Repeat("\U0001F511", 8)));
        await ApiClient.ExpectAsync(emoji, HttpStatusCode.Created);
    }

    [Test]
    public async Task Signup_WithSpacesAndUnicode_IsAccepted_AndTheNormalisedFormLogsIn()
    {
        var email = ApiClient.NewEmail();
        using var signup = await Api.SignupAsync(email, "ｃｏｒｒｅｃｔ ｈｏｒｓｅ staple");
        await ApiClient.ExpectAsync(signup, HttpStatusCode.Created);

        // Full-width letters are NFKC-equivalent to ASCII ones.
        using var login = await Api.LoginAsync(email, "correct horse staple");
        await ApiClient.ExpectAsync(login, HttpStatusCode.OK);
    }

    [Test]
    public async Task Signup_WithTooLongPassword_Returns400()
    {
        using var response = await Api.SignupAsync(ApiClient.NewEmail(), new string('x', 129));

        var problem = await ApiClient.ReadProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.That((string?)problem["error_codes"]!["password"]![0], Is.EqualTo("password.too_long"));
    }

    [Test]
    public async Task Signup_WithInvalidOrOversizeFields_Returns400PerField_AndCreatesNothing()
    {
        var email = "not-an-email";
        using var response = await Api.PostJsonAsync("/api/v1/auth/signup",
            new { email, password = TestPasswords.Strong, full_name = new string('n', 201) });

        var problem = await ApiClient.ReadProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Multiple(() =>
        {
            Assert.That((string?)problem["error_codes"]!["email"]![0], Is.EqualTo("email.invalid"));
            Assert.That((string?)problem["error_codes"]!["full_name"]![0], Is.EqualTo("full_name.too_long"));
        });

        using var tooLongEmail = await Api.SignupAsync(new string('a', 250) + "@example.com");
        var second = await ApiClient.ReadProblemAsync(tooLongEmail, HttpStatusCode.BadRequest);
        Assert.That((string?)second["error_codes"]!["email"]![0], Is.EqualTo("email.too_long"));
    }

    [Test]
    public async Task Signup_AfterARejectedAttempt_SucceedsWithTheSameEmail()
    {
        var email = ApiClient.NewEmail();
        using var rejected = await Api.SignupAsync(email, "short");
        await ApiClient.ExpectAsync(rejected, HttpStatusCode.BadRequest);

        using var accepted = await Api.SignupAsync(email);

        await ApiClient.ExpectAsync(accepted, HttpStatusCode.Created);
    }

    [Test]
    public async Task Signup_WithMissingFields_Returns400ForEach()
    {
        using var response = await Api.PostJsonAsync("/api/v1/auth/signup", new { });

        var problem = await ApiClient.ReadProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.That(problem["error_codes"]!.AsObject().Select(p => p.Key), Is.EquivalentTo(new[] { "email", "password", "full_name" }));
    }

    [Test]
    public async Task Signup_WithMalformedJson_Returns400WithoutEchoingTheInput()
    {
        using var content = new StringContent("{\"email\": \"x@example.com\", \"password\": \"hunter2-secret", Encoding.UTF8, "application/json");

        using var response = await Api.SendAsync(HttpMethod.Post, "/api/v1/auth/signup", content);

        var problem = await ApiClient.ReadProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.Multiple(() =>
        {
            Assert.That((string?)problem["code"], Is.EqualTo("request.malformed_body"));
            Assert.That(problem.ToJsonString(), Does.Not.Contain("hunter2"));
        });
    }

    [Test]
    public async Task Signup_WithWrongContentType_Returns415()
    {
        using var content = new StringContent("email=a@example.com", Encoding.UTF8, "text/plain");

        using var response = await Api.SendAsync(HttpMethod.Post, "/api/v1/auth/signup", content);

        var problem = await ApiClient.ReadProblemAsync(response, HttpStatusCode.UnsupportedMediaType);
        Assert.That((string?)problem["code"], Is.EqualTo("http.unsupported_media_type"));
    }

    [Test]
    public async Task Signup_WithAnOversizeBody_Returns413()
    {
        var body = new { email = ApiClient.NewEmail(), password = TestPasswords.Strong, full_name = new string('n', 70_000) };

        using var response = await Api.SendAsync(HttpMethod.Post, "/api/v1/auth/signup", JsonContent.Create(body, options: ApiClient.Json));

        var problem = await ApiClient.ReadProblemAsync(response, HttpStatusCode.RequestEntityTooLarge);
        Assert.That((string?)problem["code"], Is.EqualTo("request.too_large"));
    }
}
