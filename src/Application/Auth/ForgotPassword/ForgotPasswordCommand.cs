using Auth.Domain.Common;
using MediatR;

namespace Auth.Application.Auth.ForgotPassword;

/// <summary>Emails a reset link if the account exists. The answer is the same either way.</summary>
public sealed record ForgotPasswordCommand(string Email) : IRequest<Result<Success>>;
