using Auth.Application.Testing.GetMailbox;
using Auth.Domain.Common;
using Auth.WebApi.Testing;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Auth.WebApi.Controllers;

/// <summary>Test mode (<c>Testing:Enabled</c>): absent (404) unless enabled, never in Production.</summary>
[Route("api/v1/testing")]
[AllowAnonymous]
public sealed class TestingController(IMediator mediator, IOptions<TestingOptions> testing, TestingClock clock) : ApiController
{
    private static readonly Error Absent = Error.NotFound(ErrorHandling.ProblemCodes.NotFound, "Not found.");

    /// <summary>The messages sent to an address, newest first, with the codes and links they carry.</summary>
    [HttpGet("mailbox")]
    [ProducesResponseType<IReadOnlyList<MailboxMessage>>(StatusCodes.Status200OK)]
    public async Task<ActionResult> Mailbox([FromQuery] string? to, CancellationToken cancellationToken)
    {
        if (!testing.Value.Enabled)
        {
            return Problem(Absent);
        }

        var result = await mediator.Send(new GetMailboxQuery(to ?? ""), cancellationToken);
        return ToActionResult(result, messages => Ok(messages));
    }

    /// <summary>Moves the service's clock: <c>{offset_seconds}</c> from real time (0 puts it back).</summary>
    [HttpPut("clock")]
    [Consumes("application/json")]
    [ProducesResponseType<ClockResponse>(StatusCodes.Status200OK)]
    public ActionResult Clock(ClockRequest request)
    {
        if (!testing.Value.Enabled)
        {
            return Problem(Absent);
        }

        clock.Offset = TimeSpan.FromSeconds(request.OffsetSeconds);
        return Ok(new ClockResponse(request.OffsetSeconds, clock.GetUtcNow()));
    }
}

public sealed record ClockRequest(double OffsetSeconds);

public sealed record ClockResponse(double OffsetSeconds, DateTimeOffset Now);
