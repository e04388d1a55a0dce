using System.Net;
using System.Text.Json.Nodes;
using Auth.TestCommon;
using Auth.WebApi.IntegrationTests.Support;

namespace Auth.WebApi.IntegrationTests.Abuse;

public sealed class AccountThrottlingTests : FreshServiceTests
{

    private async Task<string> SignedUpAsync()
    {
        var email = ApiClient.NewEmail();
        using var signup = await Api.SignupAsync(email);
        await ApiClient.ExpectAsync(signup, HttpStatusCode.Created);
        return email;
    }

    private async Task FailAsync(string email, int times)
    {
        for (var i = 0; i < times; i++)
        {
            using var wrong = await Api.LoginAsync(email, TestPasswords.Other);
            await ApiClient.ExpectAsync(wrong, HttpStatusCode.Unauthorized);
        }
    }

    [Test]
    public async Task FiveWrongPasswords_ThenTheRightOne_Gets429WithRetryAfter_AndAfterTheDelay200()
    {
        var email = await SignedUpAsync();
        await FailAsync(email, 5);

        using (var throttled = await Api.LoginAsync(email))
        {
            var problem = await ApiClient.ReadProblemAsync(throttled, HttpStatusCode.TooManyRequests);
            Assert.That((string?)problem["code"], Is.EqualTo("auth.throttled"));
            Assert.That(throttled.Headers.RetryAfter?.Delta, Is.EqualTo(TimeSpan.FromMinutes(1)));
        }

        Factory.Clock.Advance(TimeSpan.FromMinutes(1));
        using var after = await Api.LoginAsync(email);
        await ApiClient.ExpectAsync(after, HttpStatusCode.OK);
    }

    [Test]
    public async Task TheDelayGrows_WithEachFailureAfterAWait()
    {
        var email = await SignedUpAsync();
        await FailAsync(email, 5);

        Factory.Clock.Advance(TimeSpan.FromMinutes(1));
        await FailAsync(email, 1);
        using var second = await Api.LoginAsync(email);

        await ApiClient.ReadProblemAsync(second, HttpStatusCode.TooManyRequests);
        Assert.That(second.Headers.RetryAfter?.Delta, Is.EqualTo(TimeSpan.FromMinutes(2)));
    }

    [Test]
    public async Task ASuccess_ResetsTheCounter()
    {
        var email = await SignedUpAsync();
        await FailAsync(email, 4);
        using (var ok = await Api.LoginAsync(email))
        {
            await ApiClient.ExpectAsync(ok, HttpStatusCode.OK);
        }

        await FailAsync(email, 4);
        using var stillOk = await Api.LoginAsync(email);
        await ApiClient.ExpectAsync(stillOk, HttpStatusCode.OK);
    }

    [Test]
    public async Task FiftyParallelWrongPasswords_GetNoMoreThanFiveEvaluated()
    {
        var email = await SignedUpAsync();

        var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Api.LoginAsync(email, TestPasswords.Other)));

        var statuses = string.Join(", ", responses.GroupBy(r => (int)r.StatusCode).Select(g => $"{g.Key}×{g.Count()}"));
        Assert.That(responses.Count(r => r.StatusCode == HttpStatusCode.Unauthorized), Is.LessThanOrEqualTo(5), statuses);
        Assert.That(responses.Count(r => r.StatusCode == HttpStatusCode.TooManyRequests), Is.GreaterThanOrEqualTo(45), statuses);
        foreach (var response in responses)
        {
            response.Dispose();
        }
    }

    [Test]
    public async Task UnknownEmail_AndWrongPassword_AndThrottled_AnswerIdentically()
    {
        var known = await SignedUpAsync();
        var unknown = ApiClient.NewEmail("nobody");

        for (var attempt = 1; attempt <= 6; attempt++)
        {
            using var forKnown = await Api.LoginAsync(known, TestPasswords.Other);
            using var forUnknown = await Api.LoginAsync(unknown, TestPasswords.Other);

            Assert.That(forUnknown.StatusCode, Is.EqualTo(forKnown.StatusCode), $"attempt {attempt}");
            Assert.That(forUnknown.StatusCode, Is.EqualTo(attempt <= 5 ? HttpStatusCode.Unauthorized : HttpStatusCode.TooManyRequests));
            Assert.That(forUnknown.Headers.RetryAfter?.Delta, Is.EqualTo(forKnown.Headers.RetryAfter?.Delta));
            Assert.That(await WithoutTraceIdAsync(forUnknown), Is.EqualTo(await WithoutTraceIdAsync(forKnown)), $"attempt {attempt}");
        }
    }

    [Test]
    public async Task WrongTotpCodes_CountTowardTheSameCounter()
    {
        var tfa = new TfaSupport(Factory, Api);
        var user = await tfa.SignupAsync("code_generator");
        await FailAsync(user.Email, 2);
        var (pre, _) = await tfa.PasswordStepAsync(user.Email);
        var wrong = tfa.CodeFor(user.Secret!) == "000000" ? "111111" : "000000";

        for (var i = 0; i < 3; i++)
        {
            using var code = await tfa.LoginTfaAsync(pre, wrong);
            await ApiClient.ReadProblemAsync(code, HttpStatusCode.Forbidden);
        }

        using var next = await Api.LoginAsync(user.Email);
        var problem = await ApiClient.ReadProblemAsync(next, HttpStatusCode.TooManyRequests);
        Assert.That((string?)problem["code"], Is.EqualTo("auth.throttled"));
    }

    private static async Task<string> WithoutTraceIdAsync(HttpResponseMessage response)
    {
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
        body.Remove("traceId");
        return body.ToJsonString();
    }
}
