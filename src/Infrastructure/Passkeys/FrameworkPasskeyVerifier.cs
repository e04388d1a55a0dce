using System.Buffers.Text;
using System.Text.Json;
using Auth.Application.Common.Interfaces;
using Auth.Domain.Common;
using Auth.Domain.Passkeys;
using Auth.Domain.Users;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Logging;

namespace Auth.Infrastructure.Passkeys;

/// <summary>
/// <see cref="IPasskeyVerifier"/> on ASP.NET Core Identity's WebAuthn implementation (<see cref="IPasskeyHandler{TUser}"/>):
/// it builds the options and verifies attestations and assertions (challenge, origin, RP id, flags, signature, sign
/// counter, credential ownership). Its origin and RP id checks read the current request.
/// </summary>
public sealed partial class FrameworkPasskeyVerifier(
    IPasskeyHandler<PasskeyUser> handler,
    IHttpContextAccessor httpContextAccessor,
    ILogger<FrameworkPasskeyVerifier> logger) : IPasskeyVerifier
{
    /// <summary>The flags byte of authenticator data follows the 32-byte RP id hash; bit 2 is "user verified" (WebAuthn § 6.1).</summary>
    private const int FlagsOffset = 32;
    private const byte UserVerifiedFlag = 0x04;

    private HttpContext Http => httpContextAccessor.HttpContext
        ?? throw new InvalidOperationException("A passkey ceremony runs inside an HTTP request (its origin is checked).");

    public async Task<CeremonyOptions> CreateRegistrationOptionsAsync(User user, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var entity = new PasskeyUserEntity { Id = user.Id.ToString(), Name = user.Email, DisplayName = user.FullName };
        var options = await handler.MakeCreationOptionsAsync(entity, Http);
        return new CeremonyOptions(options.CreationOptionsJson, options.AttestationState!);
    }

    public async Task<CeremonyOptions> CreateRequestOptionsAsync(User? user, CancellationToken cancellationToken)
    {
        var options = await handler.MakeRequestOptionsAsync(user is null ? null : new PasskeyUser(user.Id), Http);
        return new CeremonyOptions(options.RequestOptionsJson, options.AssertionState!);
    }

    public async Task<Result<AttestedPasskey>> VerifyRegistrationAsync(string credentialJson, string state, CancellationToken cancellationToken)
    {
        var result = await handler.PerformAttestationAsync(new PasskeyAttestationContext
        {
            HttpContext = Http,
            CredentialJson = credentialJson,
            AttestationState = state,
        });
        if (!result.Succeeded)
        {
            LogRefused(logger, "registration", result.Failure?.Message);
            return PasskeyErrors.RegistrationRefused;
        }

        var passkey = result.Passkey;
        return new AttestedPasskey(
            passkey.CredentialId, passkey.PublicKey, passkey.SignCount, passkey.Transports ?? [], passkey.IsUserVerified,
            passkey.IsBackupEligible, passkey.IsBackedUp);
    }

    public async Task<Result<VerifiedAssertion>> VerifyAssertionAsync(string credentialJson, string state, CancellationToken cancellationToken)
    {
        var result = await handler.PerformAssertionAsync(new PasskeyAssertionContext
        {
            HttpContext = Http,
            CredentialJson = credentialJson,
            AssertionState = state,
        });
        if (!result.Succeeded || result.User is null)
        {
            LogRefused(logger, "assertion", result.Failure?.Message);
            return PasskeyErrors.Refused;
        }

        // The signature the handler just verified covers the authenticator data, flags included.
        var flags = AuthenticatorDataOf(credentialJson) is { Length: > FlagsOffset } data ? data[FlagsOffset] : (byte)0;
        var passkey = result.Passkey;
        return new VerifiedAssertion(result.User.Id, passkey.CredentialId, passkey.SignCount, (flags & UserVerifiedFlag) != 0, passkey.IsBackedUp);
    }

    public byte[]? CredentialIdOf(string credentialJson)
    {
        var id = ReadBase64Url(credentialJson, root => root.TryGetProperty("rawId", out var rawId) ? rawId : root.GetProperty("id"));
        return id is { Length: > 0 and <= Passkey.MaxCredentialIdLength } ? id : null;
    }

    private static byte[]? AuthenticatorDataOf(string credentialJson) =>
        ReadBase64Url(credentialJson, root => root.GetProperty("response").GetProperty("authenticatorData"));

    private static byte[]? ReadBase64Url(string json, Func<JsonElement, JsonElement> select)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var value = select(document.RootElement);
            return value.ValueKind == JsonValueKind.String ? Base64Url.DecodeFromChars(value.GetString()) : null;
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Passkey {Ceremony} refused: {Reason}")]
    private static partial void LogRefused(ILogger logger, string ceremony, string? reason);
}
