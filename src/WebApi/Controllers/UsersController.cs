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
    /// <param name="page">A page number (1 first), while it reaches no further than the first 10,000 users.</param>
    /// <param name="pageSize">Users per page, 1 to 100.</param>
    /// <param name="cursor">Where the page starts: the previous page's <c>next_cursor</c>, as it came.</param>
    /// <param name="cancellationToken">Ends the work when the client goes away.</param>
    [HttpGet("users")]
    [Authorize(Policy = AuthPolicies.UsersRead)]
    [ProducesResponseType<UserPage>(StatusCodes.Status200OK)]
    public async Task<ActionResult> Users(
        [FromQuery] int page = 1, [FromQuery(Name = "page_size")] int pageSize = 20, [FromQuery] string? cursor = null,
        CancellationToken cancellationToken = default)
    {
        var result = await mediator.Send(new ListUsersQuery(null, page, pageSize, cursor), cancellationToken);
        return ToActionResult(result, users => Ok(users));
    }
}
