using Auth.Domain.Users;
using FluentValidation;

namespace Auth.Application.Admin.Users.SetUserRoles;

public sealed class SetUserRolesCommandValidator : AbstractValidator<SetUserRolesCommand>
{
    public SetUserRolesCommandValidator()
    {
        RuleForEach(c => c.Roles).Must(r => Roles.All.Contains(r)).WithErrorCode("roles.unknown")
            .WithMessage($"Known roles: {string.Join(", ", Roles.All)}.");
    }
}
