using Auth.Domain.Common;

namespace Auth.Domain.KnownDevices;

public static class KnownDeviceErrors
{
    /// <summary>Another user's device answers exactly like a missing one.</summary>
    public static readonly Error NotFound = Error.NotFound("device.not_found", "No such device.");
}
