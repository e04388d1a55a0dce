using Auth.Client;
using Auth.Client.Models;
using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Abstractions.Authentication;
using Microsoft.Kiota.Http.HttpClientLibrary;
using OtpNet;

// What a team that generated a C# client from /openapi/v1.json writes: sign up, log in, refresh, turn on an
// authenticator app, read /auth/me and the sessions. Exit code 0 and "round trip ok" when every step did what it says.
var bearer = new Bearer();
using var adapter = new HttpClientRequestAdapter(bearer) { BaseUrl = args[0].TrimEnd('/') };
var auth = new AuthClient(adapter);
var email = $"kiota.{Guid.NewGuid():N}@example.com";
const string password = "generated-client-passphrase-7";

var step = "sign-up";
try
{
    var signedUp = await auth.Api.V1.Auth.Signup.PostAsync(new SignupRequest { Email = email, Password = password, FullName = "Generated Client" });
    Expect(signedUp?.Email == email, "sign-up answers with the new user");

    step = "login";
    var login = await auth.Api.V1.Auth.Login.PostAsync(new LoginRequest { Email = email, Password = password });
    Expect(login?.AccessToken is { Length: > 0 } && login.RefreshToken is { Length: > 0 } && login.TokenType == "bearer", "login answers with a token pair");

    step = "refresh";
    var refreshed = await auth.Api.V1.Auth.Refresh.PostAsync(new RefreshRequest { RefreshToken = login!.RefreshToken });
    Expect(refreshed?.AccessToken is { Length: > 0 } && refreshed.RefreshToken != login.RefreshToken, "refresh rotates the pair");
    bearer.Token = refreshed!.AccessToken!;

    step = "enable_tfa";
    var enrollment = await auth.Api.V1.Tfa.Enable_tfa.PutAsync(new EnableTfaRequest { DeviceType = DeviceType.Code_generator });
    Expect(enrollment?.Enrollment?.Secret is { Length: > 0 } && enrollment.Enrollment.OtpauthUri?.StartsWith("otpauth://totp/", StringComparison.Ordinal) == true,
        "enable_tfa answers with the secret");
    var code = new Totp(Base32Encoding.ToBytes(enrollment!.Enrollment!.Secret)).ComputeTotp(DateTime.UtcNow);
    step = "confirm_tfa";
    var confirmed = await auth.Api.V1.Tfa.Confirm_tfa.PostAsync(new TfaCodeRequest { TfaToken = code });
    Expect(confirmed?.BackupTokens is { Count: > 0 }, "confirm_tfa answers with backup tokens");

    step = "me";
    var me = await auth.Api.V1.Auth.Me.GetAsync();
    Expect(me?.Email == email && me.TfaEnabled == true, "/auth/me shows the user with two-step sign-in on");
    step = "sessions";
    var sessions = await auth.Api.V1.Auth.Sessions.GetAsync();
    Expect(sessions is { Count: > 0 } && sessions.Exists(s => s.Current == true), "the sessions list this one as current");
}
catch (ProblemDetails problem)
{
    // The documented error: a typed exception carrying the problem's stable code.
    Console.Error.WriteLine($"failed at {step}: {problem.Status} {problem.Code} {problem.Detail}");
    return 1;
}

Console.WriteLine("round trip ok");
return 0;

static void Expect(bool holds, string what)
{
    if (!holds)
    {
        Console.Error.WriteLine($"failed: {what}");
        Environment.Exit(1);
    }
}

/// <summary>Sends the current access token (the only code here that is not generated).</summary>
internal sealed class Bearer : IAuthenticationProvider
{
    public string? Token { get; set; }

    public Task AuthenticateRequestAsync(RequestInformation request, Dictionary<string, object>? additionalAuthenticationContext = null, CancellationToken cancellationToken = default)
    {
        if (Token is not null)
        {
            request.Headers.TryAdd("Authorization", $"Bearer {Token}");
        }

        return Task.CompletedTask;
    }
}
