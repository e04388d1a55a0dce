using Auth.Application.Admin.Emails;
using Auth.Application.Admin.Emails.GetEmailStatus;
using Auth.WebApi.Authentication;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Auth.WebApi.Controllers;

/// <summary>The reference service's task-status route, answering with an outbox message's delivery state.</summary>
[Route("api/v1/tasks")]
[Authorize(Policy = AuthPolicies.Administration)]
public sealed class TasksController(IMediator mediator) : ApiController
{
    /// <summary>The delivery status of an email the service queued (<c>task_id</c> from a 202 answer).</summary>
    [HttpGet("taskstatus")]
    [Authorize(Policy = AuthPolicies.EmailsRead)]
    [ProducesResponseType<EmailStatusDto>(StatusCodes.Status200OK)]
    public async Task<ActionResult> TaskStatus([FromQuery(Name = "task_id")] Guid taskId, CancellationToken cancellationToken)
    {
        var result = await mediator.Send(new GetEmailStatusQuery(taskId), cancellationToken);
        return ToActionResult(result, status => Ok(status));
    }
}
