using Auth.Application.Auth.Common;
using Auth.Domain.Common;
using MediatR;

namespace Auth.Application.Tfa.DisableTfa;

/// <summary>Turns TFA off; needs the password and a current code, and signs out every other session.</summary>
public sealed record DisableTfaCommand(CurrentSession Caller, string Password, string Code) : IRequest<Result<Success>>
{
    public override string ToString() => nameof(DisableTfaCommand);
}
