using Auth.Application.Admin.ApiKeys;
using Auth.Application.Admin.Clients;
using Auth.Application.Admin.Clients.CreateClient;
using Auth.Application.Admin.Clients.DeleteClient;
using Auth.Application.Admin.Clients.ListClients;
using Auth.Application.Admin.ApiKeys.CreateApiKey;
using Auth.Application.Admin.ApiKeys.ListApiKeys;
using Auth.Application.Common.Models;
using Auth.Application.Admin.ApiKeys.RevokeApiKey;
using Auth.Application.Admin.Audit.QueryAuditLog;
using Auth.Application.Admin.Emails;
using Auth.Application.Admin.Emails.GetEmailStatus;
using Auth.Application.Admin.Emails.RetryEmail;
using Auth.Application.Admin.Users;
using Auth.Application.Admin.Users.GetUser;
using Auth.Application.Admin.Users.ListUsers;
using Auth.Application.Admin.Users.ResetUserTfa;
using Auth.Application.Admin.Users.RevokeUserSessions;
using Auth.Application.Admin.Users.SendPasswordReset;
using Auth.Application.Admin.Users.SetUserDisabled;
using Auth.Application.Admin.Users.SetUserRoles;
using Auth.Application.Admin.Users.UnlockUser;
using Auth.WebApi.Authentication;
using Auth.WebApi.Contracts;
using Auth.WebApi.Http;
using MediatR;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace Auth.WebApi.Controllers;

/// <summary>User administration. Every action is audited with the acting administrator's id.</summary>
[Route("api/v1/admin")]
[Authorize(Policy = AuthPolicies.Administration)]
public sealed class AdminController(IMediator mediator) : ApiController
{
    /// <summary>
    /// Lists users, oldest first. <c>query</c> finds those whose email address or name starts with it (case and
    /// Unicode width ignored): those whose address matches, by address, then those whose name does, by name. On
    /// PostgreSQL, <c>contains</c> finds those whose address or name has it anywhere, oldest first. Follow
    /// <c>next_cursor</c> for the next page; <c>page</c> numbers reach the first 10,000.
    /// </summary>
    /// <param name="query">The start of an email address or of a name (<c>ada</c>, <c>ada@exa</c>); a later word of a name does not match.</param>
    /// <param name="contains">Three characters or more anywhere in an address or a name (<c>lovelace</c>); PostgreSQL only (elsewhere 400 <c>contains.unsupported</c>).</param>
    /// <param name="page">A page number (1 first), while it reaches no further than the first 10,000 users.</param>
    /// <param name="pageSize">Users per page, 1 to 100.</param>
    /// <param name="cursor">Where the page starts: the previous page's <c>next_cursor</c>, as it came.</param>
    /// <param name="cancellationToken">Ends the work when the client goes away.</param>
    [HttpGet("users")]
    [Authorize(Policy = AuthPolicies.UsersRead)]
    [ProducesResponseType<UserPage>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status400BadRequest)]
    public async Task<ActionResult> Users(
        [FromQuery] string? query, [FromQuery] int page = 1, [FromQuery(Name = "page_size")] int pageSize = 20,
        [FromQuery] string? cursor = null, [FromQuery] string? contains = null, CancellationToken cancellationToken = default)
    {
        var result = await mediator.Send(new ListUsersQuery(query, page, pageSize, cursor, contains), cancellationToken);
        return ToActionResult(result, users => Ok(users));
    }

    /// <summary>One user: roles, second factor, lock state and sessions.</summary>
    [HttpGet("users/{id:guid}")]
    [Authorize(Policy = AuthPolicies.UsersRead)]
    [ProducesResponseType<UserSummaryDto>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    public async Task<ActionResult> GetUser(Guid id, CancellationToken cancellationToken)
    {
        var result = await mediator.Send(new GetUserQuery(id), cancellationToken);
        return ToActionResult(result, user => Ok(user));
    }

    /// <summary>The account cannot sign in, and every session ends at once.</summary>
    [HttpPost("users/{id:guid}/disable")]
    [Authorize(Policy = AuthPolicies.UsersWrite)]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    public Task<ActionResult> Disable(Guid id, CancellationToken cancellationToken) => SetDisabledAsync(id, true, cancellationToken);

    /// <summary>Lets a disabled user sign in again.</summary>
    [HttpPost("users/{id:guid}/enable")]
    [Authorize(Policy = AuthPolicies.UsersWrite)]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    public Task<ActionResult> Enable(Guid id, CancellationToken cancellationToken) => SetDisabledAsync(id, false, cancellationToken);

    /// <summary>Removes the user's second factor (a lost phone); they enroll again. Sessions end; the user is told why.</summary>
    [HttpPost("users/{id:guid}/reset_tfa")]
    [Authorize(Policy = AuthPolicies.UsersWrite)]
    [Consumes("application/json")]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status400BadRequest)]
    public async Task<ActionResult> ResetTfa(Guid id, ResetTfaRequest request, CancellationToken cancellationToken)
    {
        var result = await mediator.Send(new ResetUserTfaCommand(User.ToActorId(), id, request.Reason ?? ""), cancellationToken);
        return ToActionResult(result, _ => NoContent());
    }

    /// <summary>Emails the user a reset link; an administrator never sets or sees a password.</summary>
    [HttpPost("users/{id:guid}/password_reset")]
    [Authorize(Policy = AuthPolicies.UsersWrite)]
    [ProducesResponseType(StatusCodes.Status202Accepted)]
    public async Task<ActionResult> PasswordReset(Guid id, CancellationToken cancellationToken)
    {
        var result = await mediator.Send(new SendPasswordResetCommand(User.ToActorId(), id), cancellationToken);
        return ToActionResult(result, _ => Accepted());
    }

    /// <summary>Lifts the per-account sign-in throttle and the second-factor lock.</summary>
    [HttpPost("users/{id:guid}/unlock")]
    [Authorize(Policy = AuthPolicies.UsersWrite)]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    public async Task<ActionResult> Unlock(Guid id, CancellationToken cancellationToken)
    {
        var result = await mediator.Send(new UnlockUserCommand(User.ToActorId(), id), cancellationToken);
        return ToActionResult(result, _ => NoContent());
    }

    /// <summary>Ends every session of the user (their access tokens stop working at once).</summary>
    [HttpPost("users/{id:guid}/revoke_sessions")]
    [Authorize(Policy = AuthPolicies.UsersWrite)]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    public async Task<ActionResult> RevokeSessions(Guid id, CancellationToken cancellationToken)
    {
        var result = await mediator.Send(new RevokeUserSessionsCommand(User.ToActorId(), id), cancellationToken);
        return ToActionResult(result, _ => NoContent());
    }

    /// <summary>Creates an API key for a service client; the key is in this answer only.</summary>
    [HttpPost("api_keys")]
    [Authorize(Policy = AuthPolicies.AdminSession)]
    [Consumes("application/json")]
    [ProducesResponseType<CreatedApiKeyDto>(StatusCodes.Status201Created)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status400BadRequest)]
    public async Task<ActionResult> CreateApiKey(CreateApiKeyRequest request, CancellationToken cancellationToken)
    {
        var command = new CreateApiKeyCommand(User.ToCurrentSession(), request.Name ?? "", request.Scopes ?? [], request.ExpiresAt, request.Password);
        var result = await mediator.Send(command, cancellationToken);
        return ToActionResult(result, key => StatusCode(StatusCodes.Status201Created, key));
    }

    /// <summary>
    /// Lists the service clients' API keys (never the keys themselves), oldest first; a <c>Link</c> header with
    /// <c>rel="next"</c> is the next page, when there is one.
    /// </summary>
    /// <param name="pageSize">Keys per page, 1 to 100.</param>
    /// <param name="cursor">Where the page starts, as the previous page's next link gave it.</param>
    /// <param name="cancellationToken">Ends the work when the client goes away.</param>
    [HttpGet("api_keys")]
    [NextPageLink]
    [Authorize(Policy = AuthPolicies.AdminSession)]
    [ProducesResponseType<IReadOnlyList<ApiKeyDto>>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status400BadRequest)]
    public async Task<ActionResult> ApiKeys(
        [FromQuery(Name = "page_size")] int pageSize = KeysetRules.MaxPageSize, [FromQuery] string? cursor = null, CancellationToken cancellationToken = default)
    {
        var result = await mediator.Send(new ListApiKeysQuery(pageSize, cursor), cancellationToken);
        return ToActionResult(result, Paged);
    }

    /// <summary>Revokes an API key; requests made with it are refused at once.</summary>
    [HttpDelete("api_keys/{id:guid}")]
    [Authorize(Policy = AuthPolicies.AdminSession)]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    public async Task<ActionResult> RevokeApiKey(Guid id, CancellationToken cancellationToken)
    {
        var result = await mediator.Send(new RevokeApiKeyCommand(User.ToActorId(), id), cancellationToken);
        return ToActionResult(result, _ => NoContent());
    }

    /// <summary>Registers an OpenID Connect client; a confidential client's secret is in this answer only.</summary>
    [HttpPost("clients")]
    [Authorize(Policy = AuthPolicies.AdminSession)]
    [Consumes("application/json")]
    [ProducesResponseType<CreatedClientDto>(StatusCodes.Status201Created)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status400BadRequest)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict)]
    public async Task<ActionResult> CreateClient(CreateClientRequest request, CancellationToken cancellationToken)
    {
        var command = new CreateClientCommand(
            User.ToActorId(), request.ClientId ?? "", request.DisplayName ?? "", request.ClientType ?? "", request.FirstParty,
            request.RedirectUris ?? [], request.PostLogoutRedirectUris ?? [], request.Scopes, request.GrantTypes);
        var result = await mediator.Send(command, cancellationToken);
        return ToActionResult(result, created => StatusCode(StatusCodes.Status201Created, created));
    }

    /// <summary>
    /// Lists the registered OpenID Connect clients in client id order; a <c>Link</c> header with <c>rel="next"</c> is
    /// the next page, when there is one.
    /// </summary>
    /// <param name="pageSize">Clients per page, 1 to 100.</param>
    /// <param name="cursor">Where the page starts, as the previous page's next link gave it.</param>
    /// <param name="cancellationToken">Ends the work when the client goes away.</param>
    [HttpGet("clients")]
    [NextPageLink]
    [Authorize(Policy = AuthPolicies.AdminSession)]
    [ProducesResponseType<IReadOnlyList<ClientDto>>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status400BadRequest)]
    public async Task<ActionResult> Clients(
        [FromQuery(Name = "page_size")] int pageSize = KeysetRules.MaxPageSize, [FromQuery] string? cursor = null, CancellationToken cancellationToken = default)
    {
        var result = await mediator.Send(new ListClientsQuery(pageSize, cursor), cancellationToken);
        return ToActionResult(result, Paged);
    }

    /// <summary>Deletes a client with its remembered consents and every token issued to it.</summary>
    [HttpDelete("clients/{clientId}")]
    [Authorize(Policy = AuthPolicies.AdminSession)]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    public async Task<ActionResult> DeleteClient(string clientId, CancellationToken cancellationToken)
    {
        var result = await mediator.Send(new DeleteClientCommand(User.ToActorId(), clientId), cancellationToken);
        return ToActionResult(result, _ => NoContent());
    }

    /// <summary>
    /// Reads the audit log, newest first, filtered by user, event type and time (each filter served by an index).
    /// Follow <c>next_cursor</c> for the next page; <c>page</c> numbers reach the first 10,000 events.
    /// </summary>
    /// <param name="userId">Only events about this user.</param>
    /// <param name="type">Only events of this type (<c>login.succeeded</c>, <c>tfa.failed</c>, ...).</param>
    /// <param name="from">Only events at or after this time.</param>
    /// <param name="to">Only events before this time.</param>
    /// <param name="page">A page number (1 first), while it reaches no further than the first 10,000 events.</param>
    /// <param name="pageSize">Events per page, 1 to 100.</param>
    /// <param name="cursor">Where the page starts: the previous page's <c>next_cursor</c>, as it came.</param>
    /// <param name="cancellationToken">Ends the work when the client goes away.</param>
    [HttpGet("audit")]
    [Authorize(Policy = AuthPolicies.AuditRead)]
    [ProducesResponseType<AuditLogPage>(StatusCodes.Status200OK)]
    public async Task<ActionResult> Audit(
        [FromQuery(Name = "user_id")] Guid? userId, [FromQuery] string? type, [FromQuery] DateTimeOffset? from, [FromQuery] DateTimeOffset? to,
        [FromQuery] int page = 1, [FromQuery(Name = "page_size")] int pageSize = 50, [FromQuery] string? cursor = null,
        CancellationToken cancellationToken = default)
    {
        var result = await mediator.Send(new QueryAuditLogQuery(userId, type, from, to, page, pageSize, cursor), cancellationToken);
        return ToActionResult(result, log => Ok(log));
    }

    /// <summary>The delivery state of an outbox message: pending, retrying, sent or dead, with attempts and last error.</summary>
    [HttpGet("emails/{id:guid}")]
    [Authorize(Policy = AuthPolicies.EmailsRead)]
    [ProducesResponseType<EmailStatusDto>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    public async Task<ActionResult> Email(Guid id, CancellationToken cancellationToken)
    {
        var result = await mediator.Send(new GetEmailStatusQuery(id), cancellationToken);
        return ToActionResult(result, status => Ok(status));
    }

    /// <summary>Puts a dead message back in the queue; 409 for a message that is not dead.</summary>
    [HttpPost("emails/{id:guid}/retry")]
    [Authorize(Policy = AuthPolicies.EmailsWrite)]
    [ProducesResponseType<EmailStatusDto>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict)]
    public async Task<ActionResult> RetryEmail(Guid id, CancellationToken cancellationToken)
    {
        var result = await mediator.Send(new RetryEmailCommand(User.ToActorId(), id), cancellationToken);
        return ToActionResult(result, status => Ok(status));
    }

    private async Task<ActionResult> SetDisabledAsync(Guid id, bool disabled, CancellationToken cancellationToken)
    {
        var result = await mediator.Send(new SetUserDisabledCommand(User.ToActorId(), id, disabled), cancellationToken);
        return ToActionResult(result, _ => NoContent());
    }

    /// <summary>Replaces a user's roles (from an administrator's own session only, never with an API key).</summary>
    [HttpPut("users/{id:guid}/roles")]
    [Authorize(Policy = AuthPolicies.AdminSession)]
    [Consumes("application/json")]
    [ProducesResponseType<RolesResponse>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status400BadRequest)]
    public async Task<ActionResult> SetRoles(Guid id, SetRolesRequest request, CancellationToken cancellationToken)
    {
        var result = await mediator.Send(new SetUserRolesCommand(User.ToCurrentSession(), id, request.Roles ?? [], request.Password), cancellationToken);
        return ToActionResult(result, roles => Ok(new RolesResponse(roles)));
    }
}
