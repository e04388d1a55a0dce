using Auth.Application.Admin.Users;
using Auth.Application.Admin.Users.ListUsers;
using Auth.WebApi.Authentication;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Auth.WebApi.Controllers;

/// <summary>The reference service's user list, which it exposed without authentication; here it is for administrators.</summary>
[Route("api/v1/users")]
[Authorize(Policy = AuthPolicies.Administration)]
public sealed class UsersController(IMediator mediator) : ApiController
{
    /// <summary>Lists users (the reference service's route; the admin API's <c>/admin/users</c> searches too).</summary>
    [HttpGet("users")]
    [Authorize(Policy = AuthPolicies.UsersRead)]
    [ProducesResponseType<UserPage>(StatusCodes.Status200OK)]
    public async Task<ActionResult> Users(
        [FromQuery] int page = 1, [FromQuery(Name = "page_size")] int pageSize = 20, CancellationToken cancellationToken = default)
    {
        var result = await mediator.Send(new ListUsersQuery(null, page, pageSize), cancellationToken);
        return ToActionResult(result, users => Ok(users));
    }
}
