namespace Auth.Infrastructure.Security.Tokens;

/// <summary>JWT <c>typ</c> header values; a token of one type is never accepted as another.</summary>
public static class TokenTypes
{
    /// <summary>RFC 9068 access-token type.</summary>
    public const string AccessToken = "at+jwt";
}
