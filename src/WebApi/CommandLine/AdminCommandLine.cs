using System.Text;
using Auth.Application.Admin.Users.CanonicalizeEmails;
using Auth.Application.Admin.Users.ListUsers;
using Auth.Application.Admin.Users.ResetUserTfa;
using Auth.Application.Admin.Users.SetUserRoles;
using Auth.Application.Admin.Users.UnlockUser;
using Auth.Application.Auth.Signup;
using Auth.Application.Common.Exceptions;
using Auth.Domain.Users;
using MediatR;
using Microsoft.EntityFrameworkCore;

namespace Auth.WebApi.CommandLine;

/// <summary>
/// <c>Auth.WebApi admin &lt;command&gt;</c>: administration from the server's shell, through the same commands the
/// API uses. Passwords are read from standard input or a hidden prompt, never from arguments (they would land in
/// shell history and process lists). There are no default accounts: the first administrator is made here.
/// </summary>
public static class AdminCommandLine
{
    /// <summary>What <c>--help</c> prints: how to run the service, then the admin commands.</summary>
    public const string ServiceUsage = """
        usage: Auth.WebApi [--Section:Key=value ...]   run the service (settings also from appsettings.json and
                                                      environment variables such as Jwt__Issuer; see docs/operations.md)
               Auth.WebApi admin <command> ...        administer the database the settings name, then exit
               Auth.WebApi --help                     this text
        """;

    public const string Usage = """
        usage: admin create --email <email> [--name <full name>]   (password on standard input or at the prompt)
               admin grant-role --email <email> --role <admin|user>
               admin unlock --email <email>
               admin reset-tfa --email <email> --reason <why>
               admin users [--query <start of an address or name> | --contains <text anywhere in one; PostgreSQL>]
                           [--page-size <1-100>] [--cursor <from the last line>]
               admin client create --id <client_id> --type <public|confidential> --redirect-uris "<uri> ..."
                    [--post-logout-uris "<uri> ..."] [--name <display name>] [--first-party]
                    [--scopes "openid profile email roles offline_access"] [--grant-types "authorization_code refresh_token client_credentials"]
               admin client list
               admin client delete --id <client_id>
               admin emails canonicalize [--dry-run]   once after upgrading: stored addresses get their canonical
                    spelling (NFKC, no trailing dot); accounts that would share a mailbox are listed, never merged
        """;

    /// <summary>Exit code 0 when every address is canonical now; 1 when collisions or invalid addresses need an operator.</summary>
    private static async Task<int> CanonicalizeEmailsAsync(IServiceProvider services, bool dryRun, TextWriter output)
    {
        await using var scope = services.CreateAsyncScope();
        var report = (await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new CanonicalizeEmailsCommand(dryRun))).Value;
        foreach (var collision in report.Collisions)
        {
            await output.WriteLineAsync("collision (one mailbox, several accounts; settle by hand): "
                + string.Join(", ", collision.Select(r => $"{r.Email} ({r.UserId})")));
        }

        foreach (var invalid in report.Invalid)
        {
            await output.WriteLineAsync($"invalid (no canonical spelling; the account can still sign in): {invalid.Email} ({invalid.UserId})");
        }

        await output.WriteLineAsync(
            $"{report.Examined} accounts read; {report.Respelled} {(dryRun ? "would be" : "were")} respelled; {report.Collisions.Count} collisions; {report.Invalid.Count} invalid.");
        return report.Collisions.Count == 0 && report.Invalid.Count == 0 ? 0 : 1;
    }

    /// <summary>One line per user, in the admin API's order, through its query; the last line says how to go on.</summary>
    private static async Task<int> ListUsersAsync(IServiceProvider services, Dictionary<string, string> filters, TextWriter output, TextWriter errors)
    {
        var pageSize = filters.TryGetValue("page-size", out var size) && int.TryParse(size, System.Globalization.CultureInfo.InvariantCulture, out var parsed) ? parsed : 50;
        await using var scope = services.CreateAsyncScope();
        var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
        try
        {
            var page = (await mediator.Send(new ListUsersQuery(
                filters.GetValueOrDefault("query"), 1, pageSize, filters.GetValueOrDefault("cursor"), filters.GetValueOrDefault("contains")))).Value;
            foreach (var user in page.Items)
            {
                var state = user.Disabled ? " disabled" : user.TfaEnabled ? " tfa" : string.Empty;
                await output.WriteLineAsync(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                    $"{user.Id}  {user.CreatedAt:yyyy-MM-dd}  {user.Email}  {user.FullName}  [{string.Join(',', user.Roles)}]{state}"));
            }

            await output.WriteLineAsync(page.NextCursor is { } next
                ? $"{page.Items.Count} shown of {(page.TotalIsCapped ? "more than " : string.Empty)}{page.Total}; next page: --cursor {next}"
                : $"{page.Items.Count} shown of {page.Total}; no more.");
            return 0;
        }
        catch (ValidationException ex)
        {
            return await FailAsync(errors, string.Join(" ", ex.Failures.Select(f => f.Message)));
        }
    }

    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextReader input, TextWriter output, TextWriter errors)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (args is ["client", var verb, .. var rest])
        {
            return await ClientCommandLine.RunAsync(services, verb, ParseOptions(rest), output, errors);
        }

        if (args is ["emails", "canonicalize", .. var flags] && flags.All(f => f == "--dry-run"))
        {
            return await CanonicalizeEmailsAsync(services, dryRun: flags.Length > 0, output);
        }

        if (args is ["users", .. var listing] && ParseOptions(listing) is { } filters
            && filters.Keys.All(k => k is "query" or "page-size" or "cursor"))
        {
            return await ListUsersAsync(services, filters, output, errors);
        }

        var options = ParseOptions(args.Skip(1));
        if (args.Length == 0 || options is null || !options.TryGetValue("email", out var email))
        {
            await errors.WriteLineAsync(Usage);
            return 2;
        }

        await using var scope = services.CreateAsyncScope();
        var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
        var users = scope.ServiceProvider.GetRequiredService<Auth.Application.Common.Interfaces.IAuthDbContext>().Users;
        try
        {
            switch (args[0])
            {
                case "create":
                {
                    var password = await ReadPasswordAsync(input, output);
                    var created = await mediator.Send(new SignupCommand(email, password, options.GetValueOrDefault("name") ?? email, EmailVerified: true));
                    if (!created.IsSuccess)
                    {
                        return await FailAsync(errors, created.Error!.Description);
                    }

                    var roles = await mediator.Send(new SetUserRolesCommand(null, created.Value.User.Id, [Roles.Admin]));
                    await output.WriteLineAsync($"Created administrator {created.Value.User.Email} ({created.Value.User.Id}); roles: {string.Join(", ", roles.Value)}.");
                    return 0;
                }

                case "grant-role" when options.TryGetValue("role", out var role):
                {
                    var user = await users.AsNoTracking().SingleOrDefaultAsync(u => u.NormalizedEmail == EmailAddress.Normalize(email));
                    if (user is null)
                    {
                        return await FailAsync(errors, "No user has this email.");
                    }

                    var result = await mediator.Send(new SetUserRolesCommand(null, user.Id, [.. user.Roles, role]));
                    if (!result.IsSuccess)
                    {
                        return await FailAsync(errors, result.Error!.Description);
                    }

                    await output.WriteLineAsync($"{user.Email} now has roles: {string.Join(", ", result.Value)}.");
                    return 0;
                }

                case "unlock":
                {
                    var user = await users.AsNoTracking().SingleOrDefaultAsync(u => u.NormalizedEmail == EmailAddress.Normalize(email));
                    if (user is null)
                    {
                        return await FailAsync(errors, "No user has this email.");
                    }

                    await mediator.Send(new UnlockUserCommand(null, user.Id));
                    await output.WriteLineAsync($"Cleared the sign-in throttle of {user.Email}.");
                    return 0;
                }

                case "reset-tfa" when options.TryGetValue("reason", out var reason):
                {
                    var user = await users.AsNoTracking().SingleOrDefaultAsync(u => u.NormalizedEmail == EmailAddress.Normalize(email));
                    if (user is null)
                    {
                        return await FailAsync(errors, "No user has this email.");
                    }

                    await mediator.Send(new ResetUserTfaCommand(null, user.Id, reason));
                    await output.WriteLineAsync($"Removed the second factor of {user.Email}; their sessions ended and they were told why.");
                    return 0;
                }

                default:
                    await errors.WriteLineAsync(Usage);
                    return 2;
            }
        }
        catch (ValidationException invalid)
        {
            return await FailAsync(errors, string.Join(" ", invalid.Failures.Select(f => $"{f.Field}: {f.Message}")));
        }
    }

    internal static async Task<int> FailAsync(TextWriter errors, string message)
    {
        await errors.WriteLineAsync($"admin: {message}");
        return 1;
    }

    /// <summary><c>--name value</c> pairs; a flag (<c>--first-party</c>) followed by another option or nothing is "true".</summary>
    private static Dictionary<string, string>? ParseOptions(IEnumerable<string> args)
    {
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        var list = args.ToList();
        for (var i = 0; i < list.Count; i++)
        {
            if (!list[i].StartsWith("--", StringComparison.Ordinal))
            {
                return null;
            }

            var name = list[i][2..];
            if (i + 1 == list.Count || list[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                options[name] = "true";
                continue;
            }

            options[name] = list[++i];
        }

        return options;
    }

    private static async Task<string> ReadPasswordAsync(TextReader input, TextWriter output)
    {
        if (Console.IsInputRedirected || input != Console.In)
        {
            return (await input.ReadLineAsync())?.TrimEnd('\r') ?? "";
        }

        await output.WriteAsync("Password: ");
        var password = new StringBuilder();
        while (Console.ReadKey(intercept: true) is var key && key.Key != ConsoleKey.Enter)
        {
            if (key.Key == ConsoleKey.Backspace && password.Length > 0)
            {
                password.Length--;
            }
            else if (!char.IsControl(key.KeyChar))
            {
                password.Append(key.KeyChar);
            }
        }

        await output.WriteLineAsync();
        return password.ToString();
    }
}
