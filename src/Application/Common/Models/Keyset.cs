using System.Buffers.Binary;
using FluentValidation;

namespace Auth.Application.Common.Models;

/// <summary>
/// Where a page of a long list ends: the sort key of its last item (a time and an id), handed to the client as an opaque
/// <c>cursor</c>. The next page starts after it by an index seek, so page 5,000 costs what page 1 does; <c>page</c>
/// numbers keep working for the first <see cref="MaxOffset"/> items.
/// </summary>
public sealed record Keyset(DateTimeOffset At, Guid Id)
{
    /// <summary>The furthest a page number may reach into a list (an offset is read and skipped row by row).</summary>
    public const int MaxOffset = 10_000;

    /// <summary>
    /// Totals are counted up to this many; beyond it the answer says there are more. Counting reads an index entry per
    /// item: at 10,000 the count alone took 50–230 ms on PostgreSQL at a million users (growth benchmark).
    /// </summary>
    public const int MaxCounted = 1_000;

    private const byte Version = 1;

    public string Encode()
    {
        Span<byte> bytes = stackalloc byte[25];
        bytes[0] = Version;
        BinaryPrimitives.WriteInt64BigEndian(bytes[1..], At.UtcTicks);
        Id.TryWriteBytes(bytes[9..]);
        return Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    public static Keyset? TryDecode(string? cursor)
    {
        if (string.IsNullOrEmpty(cursor) || cursor.Length != 34)
        {
            return null;
        }

        Span<byte> bytes = stackalloc byte[26];
        var base64 = cursor.Replace('-', '+').Replace('_', '/') + "==";
        if (!Convert.TryFromBase64String(base64, bytes, out var written) || written != 25 || bytes[0] != Version)
        {
            return null;
        }

        var ticks = BinaryPrimitives.ReadInt64BigEndian(bytes[1..]);
        return ticks < DateTimeOffset.MinValue.UtcTicks || ticks > DateTimeOffset.MaxValue.UtcTicks
            ? null
            : new Keyset(new DateTimeOffset(ticks, TimeSpan.Zero), new Guid(bytes[9..25]));
    }

    /// <summary>A page from <paramref name="fetched"/> (read with one item more than a page), and where the next page starts.</summary>
    public static (IReadOnlyList<T> Items, string? NextCursor) Cut<T>(List<T> fetched, int pageSize, Func<T, Keyset> keyOf)
    {
        ArgumentNullException.ThrowIfNull(keyOf);
        return Cut(fetched, pageSize, item => keyOf(item).Encode());
    }

    /// <inheritdoc cref="Cut{T}(List{T}, int, Func{T, Keyset})"/>
    public static (IReadOnlyList<T> Items, string? NextCursor) Cut<T>(List<T> fetched, int pageSize, Func<T, string> cursorOf)
    {
        ArgumentNullException.ThrowIfNull(fetched);
        ArgumentNullException.ThrowIfNull(cursorOf);

        // One more than a page was read: if it came, there is a next page, starting after the page's last item.
        return fetched.Count > pageSize
            ? (fetched.GetRange(0, pageSize), cursorOf(fetched[pageSize - 1]))
            : (fetched, null);
    }
}

/// <summary>
/// Where a page of a list in text order ends: the text of its last item and its id (for texts that repeat), and which
/// part of the list it was in when the list has parts (user search: addresses, then names; see <see cref="SearchPart"/>).
/// </summary>
public sealed record TextKeyset(byte Part, string Key, Guid Id)
{
    private const byte Version = 2;

    /// <summary>Longer than any cursor this service writes (an address or a name of at most 254 characters).</summary>
    private const int MaxLength = 1_100;

    public string Encode()
    {
        var key = System.Text.Encoding.UTF8.GetBytes(Key);
        var bytes = new byte[18 + key.Length];
        bytes[0] = Version;
        bytes[1] = Part;
        Id.TryWriteBytes(bytes.AsSpan(2));
        key.CopyTo(bytes, 18);
        return Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    public static TextKeyset? TryDecode(string? cursor)
    {
        if (string.IsNullOrEmpty(cursor) || cursor.Length > MaxLength || cursor.Length % 4 == 1)
        {
            return null;
        }

        var base64 = cursor.Replace('-', '+').Replace('_', '/').PadRight(cursor.Length + ((4 - (cursor.Length % 4)) % 4), '=');
        var bytes = new byte[base64.Length / 4 * 3];
        if (!Convert.TryFromBase64String(base64, bytes, out var written) || written < 18 || bytes[0] != Version)
        {
            return null;
        }

        try
        {
            var key = new System.Text.UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes, 18, written - 18);
            return new TextKeyset(bytes[1], key, new Guid(bytes.AsSpan(2, 16)));
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}

/// <summary>The parts of a user search's results, in the order they are listed.</summary>
public enum SearchPart : byte
{
    Address = 1,
    Name = 2,
}

public static class KeysetRules
{
    public const int MaxPageSize = 100;

    /// <summary><c>page_size</c> and <c>cursor</c> of a list that pages by cursor only.</summary>
    public static void PagesByCursor<T>(this AbstractValidator<T> validator, Func<T, int> pageSize, Func<T, string?> cursor, Func<string, bool> isValid)
    {
        ArgumentNullException.ThrowIfNull(validator);
        validator.RuleFor(q => pageSize(q)).InclusiveBetween(1, MaxPageSize).OverridePropertyName("page_size")
            .WithErrorCode("page_size.invalid").WithMessage($"page_size must be 1 to {MaxPageSize}.");
        validator.RuleFor(q => cursor(q)).Must(c => c is null || isValid(c)).OverridePropertyName("cursor")
            .WithErrorCode("cursor.invalid").WithMessage("cursor is not one this service gave out (use the next link as it came).");
    }

    /// <summary>
    /// <c>page</c> and <c>cursor</c>: a cursor comes alone (page 1), is one this service wrote, and a page number does not
    /// reach past <see cref="Keyset.MaxOffset"/> items.
    /// </summary>
    public static void PagesBy<T>(
        this AbstractValidator<T> validator, Func<T, int> page, Func<T, int> pageSize, Func<T, string?> cursor, Func<T, string, bool>? isValid = null)
    {
        ArgumentNullException.ThrowIfNull(validator);
        isValid ??= (_, c) => Keyset.TryDecode(c) is not null;
        validator.RuleFor(q => q).Must(q => cursor(q) is not { } c || isValid(q, c))
            .OverridePropertyName("cursor").WithErrorCode("cursor.invalid").WithMessage("cursor is not one this service gave out (use next_cursor as it came).");
        validator.RuleFor(q => page(q)).Must(p => p == 1).When(q => cursor(q) is not null)
            .OverridePropertyName("page").WithErrorCode("page.with_cursor").WithMessage("Send either page or cursor, not both.");
        validator.RuleFor(q => (long)(page(q) - 1) * pageSize(q)).LessThanOrEqualTo(Keyset.MaxOffset).When(q => page(q) >= 1)
            .OverridePropertyName("page").WithErrorCode("page.too_deep")
            .WithMessage($"page numbers reach the first {Keyset.MaxOffset} items; further on, follow next_cursor.");
    }
}

/// <summary>A page of a short list that pages by cursor only; <see cref="NextCursor"/>, when present, is where the next page starts.</summary>
public sealed record CursorPage<T>(IReadOnlyList<T> Items, string? NextCursor);
