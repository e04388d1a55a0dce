using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Auth.WebApi.IntegrationTests.Support;
using Auth.WebApi.RateLimiting;

namespace Auth.WebApi.IntegrationTests.Platform;

/// <summary>Odd input gets a clear 4xx problem document, never a 500.</summary>
public sealed class HostileInputTests : SharedServiceTests
{
    [Test]
    public async Task ABodyThatDoesNotDecodeInItsDeclaredCharset_Gets400MalformedBody()
    {
        var bytes = Encoding.UTF8.GetBytes("{\"email\":\"a@example.com\",\"password\":\"x\"}");
        using var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-16" };

        using var response = await Api.Http.PostAsync("/api/v1/auth/login", content);

        var problem = await ApiClient.ReadProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.That((string?)problem["code"], Is.EqualTo("request.malformed_body"));
    }

    [Test]
    public async Task ALoginWithNoBodyAndNoContentType_Gets400_NotAnAmbiguousMatch()
    {
        using var response = await Api.Http.PostAsync("/api/v1/auth/login", null);

        var problem = await ApiClient.ReadProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.That(problem.ToJsonString(), Does.Contain("email.required"));
    }

    [TestCase("/api/v1/auth/security_activity?page=2147483647&page_size=100")]
    [TestCase("/api/v1/auth/security_activity?page=100001")]
    public async Task APageNumberThatCouldOverflow_Gets400(string path)
    {
        var (_, tokens) = await Api.SignedInUserAsync();

        using var response = await Api.GetAsync(path, tokens.AccessToken);

        var problem = await ApiClient.ReadProblemAsync(response, HttpStatusCode.BadRequest);
        Assert.That(problem.ToJsonString(), Does.Contain("page.invalid"));
    }

    [TestCase("2001:db8:1:2:aaaa:bbbb:cccc:dddd", "2001:db8:1:2::/64")]
    [TestCase("2001:db8:1:2:1:1:1:1", "2001:db8:1:2::/64")]
    [TestCase("2001:db8:1:3::1", "2001:db8:1:3::/64")]
    [TestCase("::ffff:192.0.2.7", "192.0.2.7")]
    [TestCase("192.0.2.7", "192.0.2.7")]
    public void RateLimits_CountAnIPv6ClientBy_Its64(string address, string partition) =>
        Assert.That(RateLimitingSetup.PartitionOf(IPAddress.Parse(address)), Is.EqualTo(partition));

    [TestCase("page=abc", "page")]
    [TestCase("page_size=ten", "page_size")]
    public async Task AQueryParameterOfTheWrongType_IsNamed_NotCalledAMalformedBody(string query, string field)
    {
        var admin = await Tfa.AdminTokenAsync();

        using var response = await Api.GetAsync($"/api/v1/admin/users?{query}", admin);

        var problem = await ApiClient.ReadProblemAsync(response, System.Net.HttpStatusCode.BadRequest);
        Assert.That((string?)problem["code"], Is.EqualTo("request.invalid_parameter"));
        Assert.That(problem["errors"]!.AsObject().Select(e => e.Key), Is.EqualTo(new[] { field }));
    }

    [Test]
    public async Task AMissingCode_IsReportedUnderTheFieldTheClientSent()
    {
        var user = await Tfa.SignupAsync("code_generator");
        var (preTfa, _) = await Tfa.PasswordStepAsync(user.Email);

        using var code = await Tfa.LoginTfaAsync(preTfa, "", inQuery: false);
        using var backup = await Api.PostJsonAsync("/api/v1/tfa/recover_tfa", new { tfa_backup_token = "" }, preTfa);

        var codeProblem = await ApiClient.ReadProblemAsync(code, System.Net.HttpStatusCode.BadRequest);
        var backupProblem = await ApiClient.ReadProblemAsync(backup, System.Net.HttpStatusCode.BadRequest);
        Assert.That(codeProblem["errors"]!.AsObject().Select(e => e.Key), Is.EqualTo(new[] { "tfa_token" }));
        Assert.That(backupProblem["errors"]!.AsObject().Select(e => e.Key), Is.EqualTo(new[] { "tfa_backup_token" }));
    }
}
