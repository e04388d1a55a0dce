using Auth.Domain.Common;

namespace Auth.Domain.ApiKeys;

public static class ApiKeyErrors
{
    public static readonly Error NotFound = Error.NotFound("api_key.not_found", "No such API key.");
}
