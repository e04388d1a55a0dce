using FluentValidation;

namespace Auth.Application.Admin.Clients.CreateClient;

/// <summary>
/// Redirect URIs are compared exactly at sign-in, so they must be exact here: absolute, no fragment, HTTPS except for
/// a loopback address (native apps and development).
/// </summary>
public sealed class CreateClientCommandValidator : AbstractValidator<CreateClientCommand>
{
    public const int MaxClientIdLength = 100;

    public CreateClientCommandValidator()
    {
        RuleFor(c => c.ClientId).NotEmpty().WithErrorCode("client_id.required").WithMessage("client_id is required.")
            .MaximumLength(MaxClientIdLength).WithErrorCode("client_id.too_long").WithMessage($"client_id must be at most {MaxClientIdLength} characters.")
            .Matches("^[A-Za-z0-9._~-]*$").WithErrorCode("client_id.invalid").WithMessage("client_id may use letters, digits and . _ ~ - only.");
        RuleFor(c => c.DisplayName).MaximumLength(200).WithErrorCode("display_name.too_long").WithMessage("display_name must be at most 200 characters.");
        RuleFor(c => c.ClientType).Must(t => ClientVocabulary.ClientTypes.Contains(t)).WithErrorCode("client_type.invalid")
            .WithMessage("client_type must be public or confidential.");
        RuleForEach(c => c.RedirectUris).Must(IsAcceptableRedirect).WithErrorCode("redirect_uris.invalid")
            .WithMessage("Each redirect URI must be absolute, without a fragment, and HTTPS unless it is a loopback address.");
        RuleForEach(c => c.PostLogoutRedirectUris).Must(IsAcceptableRedirect).WithErrorCode("post_logout_redirect_uris.invalid")
            .WithMessage("Each post-logout redirect URI must be absolute, without a fragment, and HTTPS unless it is a loopback address.");
        RuleForEach(c => c.Scopes).Must(s => ClientVocabulary.Scopes.Contains(s)).WithErrorCode("scopes.unknown")
            .WithMessage($"Known scopes: {string.Join(", ", ClientVocabulary.Scopes)}.");
        RuleForEach(c => c.GrantTypes).Must(g => ClientVocabulary.GrantTypes.Contains(g)).WithErrorCode("grant_types.unknown")
            .WithMessage($"Known grant types: {string.Join(", ", ClientVocabulary.GrantTypes)}.");
        RuleFor(c => c.GrantTypes).Must(g => g is null || !g.Contains(ClientVocabulary.ClientCredentials))
            .When(c => c.ClientType == ClientVocabulary.Public).WithErrorCode("grant_types.public_client_credentials")
            .WithMessage("A public client has no secret and cannot use client_credentials.");
        RuleFor(c => c.RedirectUris).NotEmpty().When(c => c.GrantTypes is not { Count: > 0 } g || g.Contains(ClientVocabulary.AuthorizationCode))
            .WithErrorCode("redirect_uris.required").WithMessage("A client that signs users in needs at least one redirect URI.");
    }

    public static bool IsAcceptableRedirect(string uri) =>
        Uri.TryCreate(uri, UriKind.Absolute, out var parsed)
        && string.IsNullOrEmpty(parsed.Fragment)
        && string.IsNullOrEmpty(parsed.UserInfo)
        && (parsed.Scheme == Uri.UriSchemeHttps || (parsed.Scheme == Uri.UriSchemeHttp && parsed.IsLoopback));
}
