using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Auth.Infrastructure.Persistence;
using Auth.Infrastructure.Security.Tfa;
using Auth.TestCommon;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using OtpNet;

namespace Auth.WebApi.IntegrationTests.Support;

/// <summary>Drives two-factor flows over HTTP: sign-up with a device, codes from the secret, mail from the pickup folder.</summary>
public sealed partial class TfaSupport(AuthApiFactory factory, ApiClient api)
{
    public ApiClient Api => api;

    public string CodeFor(string base32Secret, int stepsFromNow = 0) =>
        OtpNetTotpService.Compute(Base32Encoding.ToBytes(base32Secret), factory.Clock.GetUtcNow().AddSeconds(30 * stepsFromNow), TotpAlgorithm.Sha1, 6);

    /// <summary>
    /// Signs up with a device and confirms it as a user must (sign in, then confirm_tfa with its first code); the
    /// backup tokens come from the confirmation. Unless <paramref name="bind"/> is false, the owner also proves the
    /// mailbox and follows the link that binds the device, so it gives <c>mfa</c>. The clock then moves on a step, so
    /// the next code is a fresh one.
    /// </summary>
    public async Task<TfaUser> SignupAsync(string deviceType, bool bind = true)
    {
        var email = ApiClient.NewEmail(deviceType.Replace("_", "", StringComparison.Ordinal));
        using var response = await api.PostJsonAsync("/api/v1/auth/signup", new
        {
            email,
            password = TestPasswords.Strong,
            full_name = "Tfa User",
            tfa_enabled = true,
            device = new { device_type = deviceType },
        });
        await ApiClient.ExpectAsync(response, HttpStatusCode.Created);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        var secret = (string?)body["enrollment"]?["secret"];
        if (bind)
        {
            await VerifyEmailAsync(email);
        }

        var tokens = await api.LoginTokensAsync(email);
        var code = secret is not null ? CodeFor(secret) : await LatestCodeAsync(email, "Confirm two-factor authentication");
        using var confirm = await api.PostJsonAsync("/api/v1/tfa/confirm_tfa", new { tfa_token = code }, tokens.AccessToken);
        var confirmed = JsonNode.Parse(await confirm.Content.ReadAsStringAsync())!;
        await ApiClient.ExpectAsync(confirm, HttpStatusCode.OK);
        if (bind && secret is not null)
        {
            await BindAsync(email, TfaBindingSubject);
        }

        factory.Clock.Advance(TimeSpan.FromSeconds(30));
        return new TfaUser(email, secret, confirmed["backup_tokens"]!.AsArray().Select(t => (string)t!).ToList(), body);
    }

    /// <summary>Password step: expects 202 and returns the pre-TFA token and the body.</summary>
    public async Task<(string PreTfaToken, JsonNode Body)> PasswordStepAsync(string email, string password = TestPasswords.Strong)
    {
        using var login = await api.LoginAsync(email, password);
        await ApiClient.ExpectAsync(login, HttpStatusCode.Accepted);
        var body = JsonNode.Parse(await login.Content.ReadAsStringAsync())!;
        return ((string)body["access_token"]!, body);
    }

    public Task<HttpResponseMessage> LoginTfaAsync(string preTfaToken, string code, bool inQuery = true) => inQuery
        ? api.PostJsonAsync($"/api/v1/tfa/login_tfa?tfa_token={Uri.EscapeDataString(code)}", new { }, preTfaToken)
        : api.PostJsonAsync("/api/v1/tfa/login_tfa", new { tfa_token = code }, preTfaToken);

    public Task<HttpResponseMessage> RecoverAsync(string preTfaToken, string backupToken) =>
        api.PostJsonAsync($"/api/v1/tfa/recover_tfa?tfa_backup_token={Uri.EscapeDataString(backupToken)}", new { }, preTfaToken);

    /// <summary>A full login through the authenticator-app factor.</summary>
    public async Task<Tokens> FullLoginAsync(TfaUser user)
    {
        factory.Clock.Advance(TimeSpan.FromSeconds(30));
        var (pre, _) = await PasswordStepAsync(user.Email);
        using var response = await LoginTfaAsync(pre, CodeFor(user.Secret!));
        return await ApiClient.ReadAsync<Tokens>(response, HttpStatusCode.OK);
    }

    /// <summary>A full login through the emailed-code factor.</summary>
    public async Task<Tokens> FullLoginByEmailAsync(TfaUser user)
    {
        factory.Clock.Advance(TimeSpan.FromSeconds(1));
        var (pre, _) = await PasswordStepAsync(user.Email);
        using var response = await LoginTfaAsync(pre, await LatestCodeAsync(user.Email, "Your sign-in code"));
        return await ApiClient.ReadAsync<Tokens>(response, HttpStatusCode.OK);
    }

    /// <summary>Runs one delivery pass and returns the messages sent to <paramref name="to"/>, newest first.</summary>
    public async Task<IReadOnlyList<MimeMessage>> MailToAsync(string to)
    {
        await factory.DeliverQueuedMailAsync();
        var folder = Path.Combine(factory.DataDirectory, "mail");
        if (!Directory.Exists(folder))
        {
            return [];
        }

        return Directory.GetFiles(folder, "*.eml")
            .Select(f => MimeMessage.Load(f))
            .Where(m => m.To.Mailboxes.Any(b => b.Address.Equals(to, StringComparison.OrdinalIgnoreCase)))
            .OrderByDescending(m => m.Date)
            .ThenByDescending(m => m.MessageId, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>An administrator's access token: a new user made a verified admin in the database (as an operator would), then signed in.</summary>
    public async Task<string> AdminTokenAsync() => (await api.LoginTokensAsync(await AdministratorAsync())).AccessToken;

    /// <summary>A new user made a verified admin in the database, as an operator would; its email (the password is the test one).</summary>
    public async Task<string> AdministratorAsync()
    {
        var email = ApiClient.NewEmail("admin");
        using (var signup = await api.SignupAsync(email))
        {
            await ApiClient.ExpectAsync(signup, HttpStatusCode.Created);
        }

        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AuthDbContext>();
            var user = await db.Users.SingleAsync(u => u.Email == email);
            user.SetRoles(["admin"]);
            user.VerifyEmail(factory.Clock.GetUtcNow());
            await db.SaveChangesAsync();
        }

        return email;
    }

    /// <summary>The token of the link in the newest message with this subject sent to <paramref name="to"/>.</summary>
    public async Task<string> LinkTokenAsync(string to, string subject)
    {
        var message = (await MailToAsync(to)).First(m => m.Subject == subject);
        var link = Link().Match(message.TextBody ?? "").Value;
        return Uri.UnescapeDataString(link[(link.IndexOf("?token=", StringComparison.Ordinal) + "?token=".Length)..]);
    }

    public const string TfaBindingSubject = "Two-factor authentication is on: confirm it";

    public const string PasskeyBindingSubject = "A passkey was added to your account: confirm it";

    /// <summary>Follows the link in the newest email of <paramref name="subject"/> that binds a new factor, as its owner does.</summary>
    public async Task BindAsync(string email, string subject)
    {
        using var bound = await api.PostJsonAsync("/api/v1/auth/bind_factor", new { token = await LinkTokenAsync(email, subject) });
        await ApiClient.ExpectAsync(bound, HttpStatusCode.NoContent);
    }

    public Task<string> VerificationTokenAsync(string to) => LinkTokenAsync(to, "Confirm your email address");

    /// <summary>Proves the mailbox as its owner does: the emailed link's token, posted to verify_email.</summary>
    public async Task VerifyEmailAsync(string email)
    {
        using var verify = await api.PostJsonAsync("/api/v1/auth/verify_email", new { token = await VerificationTokenAsync(email) });
        await ApiClient.ExpectAsync(verify, HttpStatusCode.NoContent);
    }

    public async Task<string> LatestCodeAsync(string to, string subject)
    {
        var message = (await MailToAsync(to)).First(m => m.Subject == subject);
        return SixDigits().Match(message.TextBody ?? "").Value;
    }

    [GeneratedRegex(@"\b\d{6}\b")]
    private static partial Regex SixDigits();

    [GeneratedRegex(@"https?://\S+")]
    private static partial Regex Link();
}

public sealed record TfaUser(string Email, string? Secret, IReadOnlyList<string> BackupTokens, JsonNode SignupBody);
