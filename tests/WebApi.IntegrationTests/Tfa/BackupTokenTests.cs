using System.Net;
using System.Text.Json.Nodes;
using Auth.WebApi.IntegrationTests.Support;

namespace Auth.WebApi.IntegrationTests.Tfa;

public sealed class BackupTokenTests : FreshServiceTests
{
    protected override IReadOnlyDictionary<string, string?>? Settings { get; } = new Dictionary<string, string?> { ["Tfa:BackupTokenCount"] = "4" };


    private async Task<int> RemainingAsync(string accessToken)
    {
        using var response = await Tfa.Api.GetAsync("/api/v1/tfa/backup_tokens", accessToken);
        return (int)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["remaining"]!;
    }

    [Test]
    public async Task RecoverTfa_SpendsExactlyOneToken_AndSaysHowManyRemain()
    {
        var user = await Tfa.SignupAsync("code_generator");
        var (pre, _) = await Tfa.PasswordStepAsync(user.Email);

        using var response = await Tfa.RecoverAsync(pre, user.BackupTokens[0]);

        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That((int)body["backup_tokens_remaining"]!, Is.EqualTo(3));
        var access = (string)body["access_token"]!;
        Assert.That(TokenForge.Payload(access)["amr"]!.AsArray().Select(a => (string?)a), Is.EqualTo(new[] { "pwd", "mfa" }));
        Assert.That(await RemainingAsync(access), Is.EqualTo(3));

        var (again, _) = await Tfa.PasswordStepAsync(user.Email);
        using var reuse = await Tfa.RecoverAsync(again, user.BackupTokens[0]);
        var problem = await ApiClient.ReadProblemAsync(reuse, HttpStatusCode.Forbidden);
        Assert.That((string?)problem["code"], Is.EqualTo("tfa.invalid_backup_token"));

        var notice = (await Tfa.MailToAsync(user.Email)).Single(m => m.Subject == "A backup token was used");
        Assert.That(notice.TextBody, Does.Contain("3 unused backup tokens remain"));
    }

    [Test]
    public async Task RecoverTfa_AcceptsAnyCase_WithOrWithoutSeparators()
    {
        var user = await Tfa.SignupAsync("code_generator");
        var (pre, _) = await Tfa.PasswordStepAsync(user.Email);

        using var response = await Tfa.RecoverAsync(pre, user.BackupTokens[1].Replace("-", "", StringComparison.Ordinal).ToUpperInvariant());

        await ApiClient.ExpectAsync(response, HttpStatusCode.OK);
    }

    [Test]
    public async Task RecoverTfa_TwoParallelRedemptionsOfOneToken_ExactlyOneWins()
    {
        var user = await Tfa.SignupAsync("code_generator");
        var (first, _) = await Tfa.PasswordStepAsync(user.Email);
        var (second, _) = await Tfa.PasswordStepAsync(user.Email);

        var responses = await Task.WhenAll(Tfa.RecoverAsync(first, user.BackupTokens[2]), Tfa.RecoverAsync(second, user.BackupTokens[2]));

        Assert.That(responses.Count(r => r.StatusCode == HttpStatusCode.OK), Is.EqualTo(1));
        Assert.That(responses.Count(r => r.StatusCode == HttpStatusCode.Forbidden), Is.EqualTo(1));
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [Test]
    public async Task RecoverTfa_WhenNoneAreLeft_Returns404()
    {
        var user = await Tfa.SignupAsync("code_generator");
        foreach (var token in user.BackupTokens)
        {
            var (pre, _) = await Tfa.PasswordStepAsync(user.Email);
            using var spend = await Tfa.RecoverAsync(pre, token);
            await ApiClient.ExpectAsync(spend, HttpStatusCode.OK);
        }

        var (last, body) = await Tfa.PasswordStepAsync(user.Email);
        Assert.That((int)body["backup_tokens_remaining"]!, Is.Zero);
        using var response = await Tfa.RecoverAsync(last, user.BackupTokens[0]);

        var problem = await ApiClient.ReadProblemAsync(response, HttpStatusCode.NotFound);
        Assert.That((string?)problem["code"], Is.EqualTo("tfa.no_backup_tokens"));
    }

    [Test]
    public async Task RecoverTfa_WrongToken_Returns403_AndCountsAsAnAttempt()
    {
        var user = await Tfa.SignupAsync("code_generator");
        var (pre, _) = await Tfa.PasswordStepAsync(user.Email);

        for (var i = 0; i < 5; i++)
        {
            using var wrong = await Tfa.RecoverAsync(pre, "aaaa-bbbb-cccc");
            await ApiClient.ReadProblemAsync(wrong, HttpStatusCode.Forbidden);
        }

        using var right = await Tfa.RecoverAsync(pre, user.BackupTokens[0]);
        await ApiClient.ReadProblemAsync(right, HttpStatusCode.Unauthorized);
    }

    [Test]
    public async Task Regenerate_NeedsACurrentCode_AndTheOldSetStopsWorking()
    {
        var user = await Tfa.SignupAsync("code_generator");
        var tokens = await Tfa.FullLoginAsync(user);

        using (var wrong = await Tfa.Api.PostJsonAsync("/api/v1/tfa/backup_tokens/regenerate", new { tfa_token = "000000" }, tokens.AccessToken))
        {
            await ApiClient.ReadProblemAsync(wrong, HttpStatusCode.Forbidden);
        }

        Factory.Clock.Advance(TimeSpan.FromSeconds(30));
        using var response = await Tfa.Api.PostJsonAsync("/api/v1/tfa/backup_tokens/regenerate",
            new { tfa_token = Tfa.CodeFor(user.Secret!) }, tokens.AccessToken);

        var fresh = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["backup_tokens"]!.AsArray().Select(t => (string)t!).ToList();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(fresh, Has.Count.EqualTo(4).And.No.AnyOf(user.BackupTokens.ToArray()));
        var (pre, _) = await Tfa.PasswordStepAsync(user.Email);
        using (var old = await Tfa.RecoverAsync(pre, user.BackupTokens[0]))
        {
            await ApiClient.ReadProblemAsync(old, HttpStatusCode.Forbidden);
        }

        using (var current = await Tfa.RecoverAsync(pre, fresh[0]))
        {
            await ApiClient.ExpectAsync(current, HttpStatusCode.OK);
        }

        Assert.That((await Tfa.MailToAsync(user.Email)).Select(m => m.Subject), Does.Contain("New backup tokens were created"));
    }
}
