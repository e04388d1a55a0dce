using Auth.Domain.Common;

namespace Auth.Domain.Email;

public static class EmailErrors
{
    public static readonly Error NotFound = Error.NotFound("email.not_found", "No such email message.");

    public static readonly Error NotDead = Error.Conflict("email.not_dead", "Only a dead message can be retried; this one is still being delivered or was sent.");
}
