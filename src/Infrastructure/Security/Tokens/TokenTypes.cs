namespace Auth.Infrastructure.Security.Tokens;

/// <summary>JWT <c>typ</c> header values; a token of one type is never accepted as another.</summary>
public static class TokenTypes
{
    /// <summary>RFC 9068 access-token type.</summary>
    public const string AccessToken = "at+jwt";

    /// <summary>Proves the password only; accepted by the TFA completion endpoints and nowhere else.</summary>
    public const string PreTfaToken = "pre-tfa+jwt";
}
