using Auth.Application.Auth.Common;
using Auth.Domain.Common;
using MediatR;

namespace Auth.Application.Auth.ChangePassword;

public sealed record ChangePasswordCommand(CurrentSession Caller, string CurrentPassword, string NewPassword)
    : IRequest<Result<Success>>
{
    public override string ToString() => nameof(ChangePasswordCommand);
}
