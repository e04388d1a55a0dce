using Auth.Application.Admin.Clients;
using Auth.Application.Admin.Clients.CreateClient;
using Auth.Application.Admin.Clients.DeleteClient;
using Auth.Application.Admin.Clients.ListClients;
using Auth.Application.Common.Exceptions;
using MediatR;

namespace Auth.WebApi.CommandLine;

/// <summary><c>admin client create|list|delete</c>: the OpenID Connect clients, through the same commands as the admin API.</summary>
public static class ClientCommandLine
{
    public static async Task<int> RunAsync(
        IServiceProvider services, string verb, Dictionary<string, string>? options, TextWriter output, TextWriter errors)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(output);
        if (options is null)
        {
            await errors.WriteLineAsync(AdminCommandLine.Usage);
            return 2;
        }

        await using var scope = services.CreateAsyncScope();
        var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
        try
        {
            switch (verb)
            {
                case "create" when options.TryGetValue("id", out var clientId) && options.TryGetValue("type", out var type):
                {
                    var command = new CreateClientCommand(
                        null, clientId, options.GetValueOrDefault("name") ?? clientId, type, options.ContainsKey("first-party"),
                        List(options, "redirect-uris"), List(options, "post-logout-uris"), List(options, "scopes"), List(options, "grant-types"));
                    var created = await mediator.Send(command);
                    if (!created.IsSuccess)
                    {
                        return await AdminCommandLine.FailAsync(errors, created.Error!.Description);
                    }

                    await output.WriteLineAsync($"Created client {clientId} ({type}).");
                    if (created.Value.ClientSecret is { } secret)
                    {
                        // The only time the secret is shown: it is stored as a hash.
                        await output.WriteLineAsync($"client_secret: {secret}");
                    }

                    return 0;
                }

                case "list":
                {
                    // Every client, a page at a time.
                    var cursor = (string?)null;
                    do
                    {
                        var page = (await mediator.Send(new ListClientsQuery(Cursor: cursor))).Value;
                        foreach (var client in page.Items)
                        {
                            await output.WriteLineAsync(Describe(client));
                        }

                        cursor = page.NextCursor;
                    }
                    while (cursor is not null);

                    return 0;
                }

                case "delete" when options.TryGetValue("id", out var clientId):
                {
                    var deleted = await mediator.Send(new DeleteClientCommand(null, clientId));
                    if (!deleted.IsSuccess)
                    {
                        return await AdminCommandLine.FailAsync(errors, deleted.Error!.Description);
                    }

                    await output.WriteLineAsync($"Deleted client {clientId} with its consents and tokens.");
                    return 0;
                }

                default:
                    await errors.WriteLineAsync(AdminCommandLine.Usage);
                    return 2;
            }
        }
        catch (ValidationException invalid)
        {
            return await AdminCommandLine.FailAsync(errors, string.Join(" ", invalid.Failures.Select(f => $"{f.Field}: {f.Message}")));
        }
    }

    private static string Describe(ClientDto client) =>
        $"{client.ClientId}\t{client.ClientType}{(client.FirstParty ? ", first-party" : "")}\t{client.DisplayName}\t" +
        $"redirect: {string.Join(' ', client.RedirectUris)}\tscopes: {string.Join(' ', client.Scopes)}\tgrants: {string.Join(' ', client.GrantTypes)}";

    private static List<string> List(Dictionary<string, string> options, string name) =>
        options.TryGetValue(name, out var value) ? [.. value.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries)] : [];
}
