using Auth.Application.Tfa.Common;
using Auth.Domain.Common;
using Auth.Domain.Tfa;
using MediatR;

namespace Auth.Application.Tfa.EnableTfa;

/// <summary>Starts enrolling a device. TFA is enforced only after <c>ConfirmTfa</c> proves the device.</summary>
public sealed record EnableTfaCommand(Guid UserId, DeviceType DeviceType) : IRequest<Result<EnrollmentResult>>;
