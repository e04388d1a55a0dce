using Auth.Application.Common.Models;

namespace Auth.Application.Common.Interfaces;

/// <summary>Where the current request comes from (address, user agent), for the audit trail.</summary>
public interface IRequestContext
{
    CallerContext Caller { get; }
}
