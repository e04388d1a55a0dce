using System.Net;
using System.Text.Json.Nodes;
using Auth.Application.Common.Models;
using Auth.Infrastructure.Persistence;
using Auth.TestCommon;
using Auth.WebApi.IntegrationTests.Support;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Auth.WebApi.IntegrationTests.Admin;

/// <summary>
/// The admin lists at any depth: search by the start of an address or a name, pages by cursor (the same items as by
/// page number, in the same order), page numbers refused past the first 10,000 items with a code that names the cursor.
/// </summary>
public sealed class AdminListPagingTests : SharedServiceTests
{
    private string? _admin;

    private async Task<string> AdminAsync() => _admin ??= await Tfa.AdminTokenAsync();

    /// <summary>Signs up <paramref name="count"/> users whose addresses and names start with a prefix no other test uses.</summary>
    private async Task<(string Prefix, List<string> Emails)> UsersAsync(int count, string name = "Grace")
    {
        var prefix = "p" + Guid.NewGuid().ToString("N")[..10];
        var emails = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var email = $"{prefix}.{i}@example.com";
            using var signup = await Api.SignupAsync(email, fullName: $"{prefix}{name} Hopper {i}");
            await ApiClient.ExpectAsync(signup, HttpStatusCode.Created);
            emails.Add(email);
            Factory.Clock.Advance(TimeSpan.FromMilliseconds(1));
        }

        return (prefix, emails);
    }

    private async Task<JsonNode> ListAsync(string query)
    {
        using var response = await Api.GetAsync("/api/v1/admin/users?" + query, await AdminAsync());
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    private static List<string> Emails(JsonNode page) => page["items"]!.AsArray().Select(i => (string)i!["email"]!).ToList();

    [Test]
    public async Task Cursors_WalkEveryMatch_InTheOrderPageNumbersGive()
    {
        var (prefix, emails) = await UsersAsync(7);

        var walked = new List<string>();
        var cursor = (string?)null;
        var pages = 0;
        do
        {
            var page = await ListAsync($"query={prefix}&page_size=3" + (cursor is null ? "" : $"&cursor={cursor}"));
            Assert.That((int)page["total"]!, Is.EqualTo(7));
            Assert.That((bool)page["total_is_capped"]!, Is.False);
            walked.AddRange(Emails(page));
            cursor = (string?)page["next_cursor"];
            pages++;
        }
        while (cursor is not null && pages < 10);

        Assert.That(pages, Is.EqualTo(3));
        Assert.That(walked, Is.EqualTo(emails), "in address order, each once");
        var byNumber = new List<string>();
        for (var number = 1; number <= 3; number++)
        {
            byNumber.AddRange(Emails(await ListAsync($"query={prefix}&page_size=3&page={number}")));
        }

        Assert.That(byNumber, Is.EqualTo(walked));
    }

    [Test]
    public async Task Cursors_HoldTheirPlace_WhenUsersSignUpWithTheSameInstant()
    {
        // The clock stands still, a day after any other account: five accounts created at one instant, told apart by their ids.
        Factory.Clock.Advance(TimeSpan.FromDays(1));
        _admin = null; // the admin's access token from before has expired
        await AdminAsync();
        Factory.Clock.Advance(TimeSpan.FromSeconds(1));
        var instant = Factory.Clock.GetUtcNow();
        var prefix = "t" + Guid.NewGuid().ToString("N")[..10];
        var emails = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            var email = $"{prefix}.{i}@example.com";
            using var signup = await Api.SignupAsync(email);
            await ApiClient.ExpectAsync(signup, HttpStatusCode.Created);
            emails.Add(email);
        }

        // The whole list (oldest first), from just before that instant.
        var start = new Keyset(instant.AddTicks(-1), Guid.Empty).Encode();
        var first = await ListAsync($"page_size=2&cursor={start}");
        var second = await ListAsync($"page_size=2&cursor={first["next_cursor"]}");
        var third = await ListAsync($"page_size=2&cursor={second["next_cursor"]}");

        Assert.That(Emails(first).Concat(Emails(second)).Concat(Emails(third)), Is.EquivalentTo(emails));
        Assert.That(third["next_cursor"], Is.Null);
    }

    [Test]
    public async Task Search_ListsAddressMatchesThenNameMatches_EachOnce_ByCursorAndByPageNumber()
    {
        var prefix = "s" + Guid.NewGuid().ToString("N")[..10];
        var other = "o" + Guid.NewGuid().ToString("N")[..10];
        // Signed up in the opposite of the order the search lists them.
        var signups = new[]
        {
            ($"{other}.b@example.com", $"{prefix} Bob"), // the name only
            ($"{other}.a@example.com", $"{prefix} Ann"), // the name only
            ($"{prefix}.c@example.com", $"{prefix} Cy"), // both: listed once, with the addresses
            ($"{prefix}.a@example.com", "Zed"), // the address only
        };
        foreach (var (email, name) in signups)
        {
            using var signup = await Api.SignupAsync(email, fullName: name);
            await ApiClient.ExpectAsync(signup, HttpStatusCode.Created);
        }

        string[] expected = [$"{prefix}.a@example.com", $"{prefix}.c@example.com", $"{other}.a@example.com", $"{other}.b@example.com"];
        foreach (var size in new[] { 1, 3 })
        {
            var walked = new List<string>();
            var cursor = (string?)null;
            do
            {
                var page = await ListAsync($"query={prefix}&page_size={size}" + (cursor is null ? "" : $"&cursor={cursor}"));
                Assert.That((int)page["total"]!, Is.EqualTo(4));
                walked.AddRange(Emails(page));
                cursor = (string?)page["next_cursor"];
            }
            while (cursor is not null && walked.Count < 10);

            Assert.That(walked, Is.EqualTo(expected), $"by cursor, {size} a page");
            var byNumber = new List<string>();
            for (var number = 1; number <= 4; number++)
            {
                byNumber.AddRange(Emails(await ListAsync($"query={prefix}&page_size={size}&page={number}")));
            }

            Assert.That(byNumber, Is.EqualTo(expected), $"by page number, {size} a page");
        }
    }

    [Test]
    public async Task ACursor_GoesOnWithTheListItCameFrom()
    {
        var (prefix, _) = await UsersAsync(3);
        var search = await ListAsync($"query={prefix}&page_size=1");
        var all = await ListAsync("page_size=1");

        foreach (var mixed in new[] { $"cursor={search["next_cursor"]}", $"query={prefix}&cursor={all["next_cursor"]}" })
        {
            using var response = await Api.GetAsync("/api/v1/admin/users?" + mixed, await AdminAsync());
            var problem = await ApiClient.ReadProblemAsync(response, HttpStatusCode.BadRequest);
            Assert.That((string?)problem["error_codes"]?["cursor"]?[0], Is.EqualTo("cursor.invalid"), mixed);
        }
    }

    [Test]
    public async Task Search_MatchesTheStartOfAnAddressOrAName_IgnoringCaseAndWidth()
    {
        var (prefix, emails) = await UsersAsync(2, name: "Ådá");

        Assert.That(Emails(await ListAsync($"query={prefix.ToUpperInvariant()}.1@EXAMPLE")), Is.EqualTo(new[] { emails[1] }), "an address, in any case");
        Assert.That(Emails(await ListAsync($"query={emails[0]}")), Is.EqualTo(new[] { emails[0] }), "a whole address");
        Assert.That(Emails(await ListAsync($"query={Uri.EscapeDataString(prefix + "ådÁ h")}")), Is.EqualTo(emails), "a name, with its accents in any case");

        // Full-width letters are the same letters once NFKC-normalized.
        var fullWidth = string.Concat(prefix.Select(c => char.IsAsciiLetter(c) ? (char)(c - 'a' + 'Ａ') : char.IsAsciiDigit(c) ? (char)(c - '0' + '０') : c));
        Assert.That(Emails(await ListAsync($"query={Uri.EscapeDataString(fullWidth)}")), Is.EqualTo(emails));
        Assert.That(Emails(await ListAsync($"query=Hopper%20{prefix}")), Is.Empty, "a later word of a name does not match");
    }

    [Test]
    public async Task Contains_FindsTextAnywhereInAnAddressOrAName_OnPostgreSql_AndIsRefusedWhereNoIndexServesIt()
    {
        var (prefix, emails) = await UsersAsync(3, name: "Lovelace");
        var middle = prefix[3..9]; // inside every one of these addresses and names, at neither start
        if (Environment.GetEnvironmentVariable("AUTH_TEST_PROVIDER") != "PostgreSql")
        {
            using var refused = await Api.GetAsync($"/api/v1/admin/users?contains={middle}", await AdminAsync());
            var problem = await ApiClient.ReadProblemAsync(refused, HttpStatusCode.BadRequest);
            Assert.That((string?)problem["error_codes"]?["contains"]?[0], Is.EqualTo("contains.unsupported"));
            return;
        }

        Assert.That(Emails(await ListAsync($"contains={middle}")), Is.EqualTo(emails), "in addresses and names, oldest first");
        Assert.That(Emails(await ListAsync($"contains={Uri.EscapeDataString(prefix[5..] + "LOVELACE h")}")), Is.EqualTo(emails), "in names, in any case");
        Assert.That(Emails(await ListAsync($"contains={Uri.EscapeDataString(prefix[5..] + ".1@exa")}")), Is.EqualTo(new[] { emails[1] }), "in addresses");
        Assert.That(Emails(await ListAsync($"contains={Uri.EscapeDataString("%_%")}")), Is.Empty, "wildcards are plain characters");

        var first = await ListAsync($"contains={middle}&page_size=2");
        var second = await ListAsync($"contains={middle}&page_size=2&cursor={first["next_cursor"]}");
        Assert.That(Emails(first).Concat(Emails(second)), Is.EqualTo(emails), "by cursor");
        Assert.That(second["next_cursor"], Is.Null);
        Assert.That(Emails(await ListAsync($"contains={middle}&page=2&page_size=1")), Is.EqualTo(new[] { emails[1] }), "by page number");
        Assert.That(Emails(await ListAsync($"contains={middle}&page=3&page_size=1")), Is.EqualTo(new[] { emails[2] }), "the last page");

        // More matches than are counted: the page is read in creation order and filtered; it is the same page.
        var common = "c" + Guid.NewGuid().ToString("N")[..10];
        using (var scope = Factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AuthDbContext>();
            for (var i = 0; i <= Keyset.MaxCounted; i++)
            {
                // Written newest first, some a second apart and some in the same second (then ordered by id).
                db.Users.Add(Domain.Users.User.Register(Domain.Users.EmailAddress.Create($"x{Guid.NewGuid():N}@example.com"),
                    $"Ada {common} {i}", "unused", Factory.Clock.GetUtcNow().AddSeconds(-(i / 3))));
            }

            await db.SaveChangesAsync();
        }

        List<string> inOrder;
        using (var scope = Factory.Services.CreateScope())
        {
            inOrder = await scope.ServiceProvider.GetRequiredService<AuthDbContext>().Users.Where(u => u.FullName.Contains(common))
                .OrderBy(u => u.CreatedAt).ThenBy(u => u.Id).Select(u => u.Email).ToListAsync();
        }

        var many = await ListAsync($"contains={common}&page_size=100");
        Assert.That((bool)many["total_is_capped"]!, Is.True);
        Assert.That(Emails(many), Is.EqualTo(inOrder[..100]));
        Assert.That(Emails(await ListAsync($"contains={common}&page_size=100&cursor={many["next_cursor"]}")), Is.EqualTo(inOrder[100..200]));
        Assert.That(Emails(await ListAsync($"contains={common}&page=3&page_size=100")), Is.EqualTo(inOrder[200..300]));

        foreach (var (query, code) in new[] { ("contains=ab", "contains.too_short"), ($"contains={middle}&query={prefix}", "contains.with_query") })
        {
            using var response = await Api.GetAsync("/api/v1/admin/users?" + query, await AdminAsync());
            var problem = await ApiClient.ReadProblemAsync(response, HttpStatusCode.BadRequest);
            Assert.That((string?)problem["error_codes"]?["contains"]?[0], Is.EqualTo(code), query);
        }
    }

    [Test]
    public async Task Totals_StopCountingAtTheCap_AndSaySo_InEachPartOfASearch()
    {
        // Past the cap in the name part alone, then in the address part alone: written straight to the database.
        var byName = "n" + Guid.NewGuid().ToString("N")[..10];
        var byAddress = "a" + Guid.NewGuid().ToString("N")[..10];
        using (var scope = Factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AuthDbContext>();
            for (var i = 0; i <= Keyset.MaxCounted; i++)
            {
                db.Users.Add(Domain.Users.User.Register(
                    Domain.Users.EmailAddress.Create($"x{Guid.NewGuid():N}@example.com"), $"{byName} {i}", "unused", Factory.Clock.GetUtcNow()));
                db.Users.Add(Domain.Users.User.Register(
                    Domain.Users.EmailAddress.Create($"{byAddress}.{i}@example.com"), "Someone", "unused", Factory.Clock.GetUtcNow()));
            }

            await db.SaveChangesAsync();
        }

        foreach (var prefix in new[] { byName, byAddress })
        {
            var page = await ListAsync($"query={prefix}&page_size=5");
            Assert.That((int)page["total"]!, Is.EqualTo(Keyset.MaxCounted), prefix);
            Assert.That((bool)page["total_is_capped"]!, Is.True, prefix);
            Assert.That(Emails(page), Has.Count.EqualTo(5));
        }

        var exact = await ListAsync($"query={byName}%201&page_size=5"); // "1", "10"–"19", "100"–"199", "1000"
        Assert.That((int)exact["total"]!, Is.EqualTo(112));
        Assert.That((bool)exact["total_is_capped"]!, Is.False);
    }

    [Test]
    public async Task NamesStoredBeforeTheyWereSearchable_AreFilledInAtTheNextStart()
    {
        var (prefix, emails) = await UsersAsync(1, name: "Émile");
        using (var scope = Factory.Services.CreateScope())
        {
            // As the column is for accounts from before the upgrade.
            var db = scope.ServiceProvider.GetRequiredService<AuthDbContext>();
            await db.Users.Where(u => u.Email == emails[0]).ExecuteUpdateAsync(s => s.SetProperty(u => u.NormalizedFullName, string.Empty));
        }

        Assert.That(Emails(await ListAsync($"query={prefix}%C3%A9mile")), Is.Empty);
        await Factory.Services.InitializeDatabaseAsync();

        Assert.That(Emails(await ListAsync($"query={prefix}%C3%A9mile")), Is.EqualTo(emails));
    }

    [TestCase("page=102&page_size=100", "page", "page.too_deep")]
    [TestCase("page=2&cursor=AQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "page", "page.with_cursor")]
    [TestCase("cursor=not-a-cursor", "cursor", "cursor.invalid")]
    [TestCase("cursor=AgAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "cursor", "cursor.invalid")]
    public async Task PagingMistakes_Get400WithACode_OnTheParameter(string query, string parameter, string code)
    {
        foreach (var path in new[] { "/api/v1/admin/users?", "/api/v1/admin/audit?" })
        {
            using var response = await Api.GetAsync(path + query, await AdminAsync());

            var problem = await ApiClient.ReadProblemAsync(response, HttpStatusCode.BadRequest);
            Assert.That((string?)problem["error_codes"]?[parameter]?[0], Is.EqualTo(code), path);
        }
    }

    [Test]
    public async Task TheAuditLog_PagesByCursor_NewestFirst_WithoutRepeatingOrSkipping()
    {
        var (_, emails) = await UsersAsync(1);
        var id = await UserIdAsync(emails[0]);
        for (var i = 0; i < 4; i++)
        {
            Factory.Clock.Advance(TimeSpan.FromSeconds(1));
            using var wrong = await Api.LoginAsync(emails[0], TestPasswords.Other);
            await ApiClient.ExpectAsync(wrong, HttpStatusCode.Unauthorized);
        }

        var all = await AuditAsync($"user_id={id}&page_size=100");
        var walked = new List<string>();
        var cursor = (string?)null;
        do
        {
            var page = await AuditAsync($"user_id={id}&page_size=2" + (cursor is null ? "" : $"&cursor={cursor}"));
            walked.AddRange(page["items"]!.AsArray().Select(e => (string)e!["id"]!));
            cursor = (string?)page["next_cursor"];
        }
        while (cursor is not null && walked.Count < 100);

        var everyId = all["items"]!.AsArray().Select(e => (string)e!["id"]!).ToList();
        Assert.That(everyId, Has.Count.GreaterThanOrEqualTo(5), "sign-up and four failed sign-ins");
        Assert.That(walked, Is.EqualTo(everyId));
        var times = all["items"]!.AsArray().Select(e => (DateTimeOffset)e!["occurred_at"]!).ToList();
        Assert.That(times, Is.Ordered.Descending);
    }

    private async Task<JsonNode> AuditAsync(string query)
    {
        using var response = await Api.GetAsync("/api/v1/admin/audit?" + query, await AdminAsync());
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), await response.Content.ReadAsStringAsync());
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    private async Task<Guid> UserIdAsync(string email)
    {
        using var scope = Factory.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<AuthDbContext>().Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
    }
}
