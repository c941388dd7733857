using System.Buffers.Text;
using System.Globalization;
using System.Linq.Expressions;
using System.Text;
using Commerce.Customers.Data;
using Commerce.Customers.Models;
using Microsoft.EntityFrameworkCore;

namespace Commerce.Customers.Services;

public enum CustomerSort
{
    Created,
    Company,
    LastName,
    FirstName,
    Email,
    Registered,
}

/// <param name="After">Cursor of the last row of the previous page: show the page after it.</param>
/// <param name="Before">Cursor of the first row of the next page: show the page before it.</param>
public sealed record CustomerListFilter(
    string? Search = null,
    bool? Registered = null,
    CustomerSort Sort = CustomerSort.Created,
    bool Descending = true,
    string? After = null,
    string? Before = null,
    int PageSize = CustomerListFilter.DefaultPageSize)
{
    public const int DefaultPageSize = 50;
    public const int MaxPageSize = 200;
    public const int MaxSearchLength = 100;
}

/// <param name="Culture">The language the customer's emails are written in; null for the site's. The export writes it; the list does not show it.</param>
public sealed record CustomerListRow(int Id, string? Company, string? LastName, string? FirstName, string? Email, DateTime CreatedUtc, bool IsRegistered, string? Culture);

/// <param name="PreviousCursor">Pass as <c>Before</c> to show the previous page; null on the first page.</param>
/// <param name="NextCursor">Pass as <c>After</c> to show the next page; null on the last page.</param>
public sealed record CustomerListPage(IReadOnlyList<CustomerListRow> Rows, string? PreviousCursor, string? NextCursor);

/// <summary>
/// The Customers list: prefix search, the registered filter, sorting by any column, and keyset
/// paging. Every sort orders by (column, Id) and a page starts where the last one ended, so a
/// page deep in a million rows costs the same as the first (no OFFSET).
/// </summary>
public sealed class CustomerListQuery(CustomersDbContext db)
{
    public async Task<CustomerListPage> ExecuteAsync(CustomerListFilter filter, CancellationToken cancellationToken = default)
    {
        var pageSize = Math.Clamp(filter.PageSize, 1, CustomerListFilter.MaxPageSize);
        var query = ApplyFilter(db.Customers.AsNoTracking(), filter);

        var backwards = filter.Before is not null && Cursor.TryParse(filter.Before, out _);
        var cursorText = backwards ? filter.Before : filter.After;
        var hasCursor = Cursor.TryParse(cursorText, out var cursor);
        // Walking backwards reads the rows before the cursor in reverse order, then flips them.
        var descending = filter.Descending ^ backwards;

        var rows = filter.Sort switch
        {
            CustomerSort.Company => await PageAsync(query, CompanyKey, hasCursor ? cursor.Key : null, cursor.Id, descending, pageSize, cancellationToken),
            CustomerSort.LastName => await PageAsync(query, LastNameKey, hasCursor ? cursor.Key : null, cursor.Id, descending, pageSize, cancellationToken),
            CustomerSort.FirstName => await PageAsync(query, FirstNameKey, hasCursor ? cursor.Key : null, cursor.Id, descending, pageSize, cancellationToken),
            CustomerSort.Email => await PageAsync(query, EmailKey, hasCursor ? cursor.Key : null, cursor.Id, descending, pageSize, cancellationToken),
            CustomerSort.Registered => await PageAsync(query, RegisteredKey, hasCursor ? ParseInt(cursor.Key) : null, cursor.Id, descending, pageSize, cancellationToken),
            _ => await PageAsync(query, CreatedKey, hasCursor ? ParseTicks(cursor.Key) : null, cursor.Id, descending, pageSize, cancellationToken),
        };

        var hasMore = rows.Count > pageSize;
        if (hasMore)
        {
            rows.RemoveAt(rows.Count - 1);
        }

        if (backwards)
        {
            rows.Reverse();
        }

        var hasPrevious = backwards ? hasMore : hasCursor;
        var hasNext = backwards || hasMore;
        return new CustomerListPage(
            rows.ConvertAll(row => row.Row),
            hasPrevious && rows.Count > 0 ? CursorOf(rows[0]) : null,
            hasNext && rows.Count > 0 ? CursorOf(rows[^1]) : null);
    }

    /// <summary>The list's search and Is registered filter; bulk actions on "all matching" use the same.</summary>
    public static IQueryable<Customer> ApplyFilter(IQueryable<Customer> query, CustomerListFilter filter)
    {
        if (filter.Registered is { } registered)
        {
            query = registered ? query.Where(c => c.UserId != null) : query.Where(c => c.UserId == null);
        }

        var search = Customer.Normalize(filter.Search);
        if (search.Length > CustomerListFilter.MaxSearchLength)
        {
            search = search[..CustomerListFilter.MaxSearchLength];
        }

        if (search.Length > 0)
        {
            var range = PrefixRange.For(search);
            var from = range.From;
            if (range.Below is { } below)
            {
                query = query.Where(c =>
                    (c.NormalizedLastName.CompareTo(from) >= 0 && c.NormalizedLastName.CompareTo(below) < 0)
                    || (c.NormalizedFirstName.CompareTo(from) >= 0 && c.NormalizedFirstName.CompareTo(below) < 0)
                    || (c.NormalizedCompany.CompareTo(from) >= 0 && c.NormalizedCompany.CompareTo(below) < 0)
                    || (c.NormalizedEmail.CompareTo(from) >= 0 && c.NormalizedEmail.CompareTo(below) < 0));
            }
            else
            {
                query = query.Where(c =>
                    c.NormalizedLastName.StartsWith(from) || c.NormalizedFirstName.StartsWith(from)
                    || c.NormalizedCompany.StartsWith(from) || c.NormalizedEmail.StartsWith(from));
            }
        }

        return query;
    }

    private static readonly SortKey<string> CompanyKey = new(c => c.NormalizedCompany);
    private static readonly SortKey<string> LastNameKey = new(c => c.NormalizedLastName);
    private static readonly SortKey<string> FirstNameKey = new(c => c.NormalizedFirstName);
    private static readonly SortKey<string> EmailKey = new(c => c.NormalizedEmail);
    // Indexed as written here by Migrations/CustomersRegisteredSortIndex: change both together.
    private static readonly SortKey<int> RegisteredKey = new(c => c.UserId != null ? 1 : 0);
    private static readonly SortKey<DateTime> CreatedKey = new(c => c.CreatedUtc);

    private static string CursorOf((CustomerListRow Row, string Key) row) => new Cursor(row.Key, row.Row.Id).ToString();

    private static Task<List<(CustomerListRow Row, string Key)>> PageAsync<TKey>(
        IQueryable<Customer> query, SortKey<TKey> key, TKey? after, int afterId, bool descending, int pageSize, CancellationToken cancellationToken)
        where TKey : struct =>
        after is { } value
            ? PageAsync(query, key, hasAfter: true, value, afterId, descending, pageSize, cancellationToken)
            : PageAsync(query, key, hasAfter: false, default(TKey), afterId, descending, pageSize, cancellationToken);

    private static Task<List<(CustomerListRow Row, string Key)>> PageAsync(
        IQueryable<Customer> query, SortKey<string> key, string? after, int afterId, bool descending, int pageSize, CancellationToken cancellationToken) =>
        PageAsync(query, key, hasAfter: after is not null, after ?? "", afterId, descending, pageSize, cancellationToken);

    private static async Task<List<(CustomerListRow Row, string Key)>> PageAsync<TKey>(
        IQueryable<Customer> query,
        SortKey<TKey> key,
        bool hasAfter,
        TKey after,
        int afterId,
        bool descending,
        int pageSize,
        CancellationToken cancellationToken)
    {
        if (hasAfter)
        {
            query = query.Where(Beyond(key.Expression, after, afterId, descending));
        }

        var ordered = descending
            ? query.OrderByDescending(key.Expression).ThenByDescending(c => c.Id)
            : query.OrderBy(key.Expression).ThenBy(c => c.Id);
        var entries = await ordered.Take(pageSize + 1).Select(key.Columns).ToListAsync(cancellationToken);
        return entries.ConvertAll(entry => (entry.ToRow(), FormatKey(entry.Key)));
    }

    /// <summary>The given customers as list rows, by id: the "selected rows" of a bulk export.</summary>
    public async Task<IReadOnlyList<CustomerListRow>> RowsByIdAsync(IReadOnlyCollection<int> ids, CancellationToken cancellationToken = default) =>
        (await db.Customers.AsNoTracking().Where(c => ids.Contains(c.Id)).OrderBy(c => c.Id).Select(CreatedKey.Columns).ToListAsync(cancellationToken))
            .ConvertAll(entry => entry.ToRow());

    /// <summary>(key, Id) strictly after (value, id) in the given direction, as a parameterized predicate.</summary>
    private static Expression<Func<Customer, bool>> Beyond<TKey>(Expression<Func<Customer, TKey>> key, TKey value, int id, bool descending)
    {
        var customer = key.Parameters[0];
        var keyValue = Expression.Property(Expression.Constant(new Boxed<TKey>(value)), nameof(Boxed<TKey>.Value));
        var idValue = Expression.Property(Expression.Constant(new Boxed<int>(id)), nameof(Boxed<int>.Value));
        var keyBody = key.Body;
        var customerId = Expression.Property(customer, nameof(Customer.Id));

        Expression Compare(Expression left, Expression right, bool strictlyBeyond)
        {
            if (left.Type == typeof(string))
            {
                var compare = Expression.Call(typeof(string).GetMethod(nameof(string.Compare), [typeof(string), typeof(string)])!, left, right);
                left = compare;
                right = Expression.Constant(0);
            }

            return (descending, strictlyBeyond) switch
            {
                (false, true) => Expression.GreaterThan(left, right),
                (false, false) => Expression.GreaterThanOrEqual(left, right),
                (true, true) => Expression.LessThan(left, right),
                (true, false) => Expression.LessThanOrEqual(left, right),
            };
        }

        // key >= value AND (key > value OR Id > id): the first half bounds the index range scan.
        var body = Expression.AndAlso(
            Compare(keyBody, keyValue, strictlyBeyond: false),
            Expression.OrElse(Compare(keyBody, keyValue, strictlyBeyond: true), Compare(customerId, idValue, strictlyBeyond: true)));
        return Expression.Lambda<Func<Customer, bool>>(body, customer);
    }

    private static string FormatKey<TKey>(TKey key) => key switch
    {
        DateTime time => time.Ticks.ToString(CultureInfo.InvariantCulture),
        int number => number.ToString(CultureInfo.InvariantCulture),
        _ => key?.ToString() ?? "",
    };

    private static DateTime? ParseTicks(string text) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var ticks) && ticks >= DateTime.MinValue.Ticks && ticks <= DateTime.MaxValue.Ticks
            ? new DateTime(ticks, DateTimeKind.Utc)
            : null;

    private static int? ParseInt(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : null;

    /// <summary>A sort column as SQL sees it, and the list's columns with that key beside them for the cursor.</summary>
    private sealed class SortKey<TKey>(Expression<Func<Customer, TKey>> expression)
    {
        public Expression<Func<Customer, TKey>> Expression { get; } = expression;

        public Expression<Func<Customer, ListEntry<TKey>>> Columns { get; } = ListEntry<TKey>.Projection(expression);
    }

    /// <summary>
    /// Only the columns the list shows, never the whole row. Read into this plain class rather than
    /// a <see cref="Customer"/>, whose setters normalize names and whose constructor makes a
    /// concurrency stamp: work that profiling showed per row and the list does not need.
    /// </summary>
    private sealed class ListEntry<TKey>
    {
        public int Id { get; init; }
        public string? Company { get; init; }
        public string? LastName { get; init; }
        public string? FirstName { get; init; }
        public string? Email { get; init; }
        public DateTime CreatedUtc { get; init; }
        public bool IsRegistered { get; init; }
        public string? Culture { get; init; }
        public required TKey Key { get; init; }

        public CustomerListRow ToRow() =>
            new(Id, Company, LastName, FirstName, Email, DateTime.SpecifyKind(CreatedUtc, DateTimeKind.Utc), IsRegistered, Culture);

        /// <summary><c>c => new ListEntry { Id = c.Id, ..., Key = key(c) }</c>, built once per sort key.</summary>
        public static Expression<Func<Customer, ListEntry<TKey>>> Projection(Expression<Func<Customer, TKey>> key)
        {
            var customer = key.Parameters[0];
            MemberAssignment Bind(string entryProperty, Expression value) =>
                Expression.Bind(typeof(ListEntry<TKey>).GetProperty(entryProperty)!, value);
            MemberExpression Column(string customerProperty) => Expression.Property(customer, customerProperty);

            var entry = Expression.MemberInit(
                Expression.New(typeof(ListEntry<TKey>)),
                Bind(nameof(Id), Column(nameof(Customer.Id))),
                Bind(nameof(Company), Column(nameof(Customer.Company))),
                Bind(nameof(LastName), Column(nameof(Customer.LastName))),
                Bind(nameof(FirstName), Column(nameof(Customer.FirstName))),
                Bind(nameof(Email), Column(nameof(Customer.Email))),
                Bind(nameof(CreatedUtc), Column(nameof(Customer.CreatedUtc))),
                Bind(nameof(IsRegistered), Expression.NotEqual(Column(nameof(Customer.UserId)), Expression.Constant(null, typeof(string)))),
                Bind(nameof(Culture), Column(nameof(Customer.Culture))),
                Bind(nameof(Key), key.Body));
            return Expression.Lambda<Func<Customer, ListEntry<TKey>>>(entry, customer);
        }
    }

    // Closed-over values become SQL parameters rather than literals, so every page reuses one query plan.
    private sealed class Boxed<T>(T value)
    {
        public T Value { get; } = value;
    }

    /// <summary>The sort key and id of a row, opaque to the browser (base64url of "id:key").</summary>
    private readonly record struct Cursor(string Key, int Id)
    {
        public override string ToString() =>
            Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"{Id.ToString(CultureInfo.InvariantCulture)}:{Key}"));

        public static bool TryParse(string? text, out Cursor cursor)
        {
            cursor = default;
            if (string.IsNullOrEmpty(text) || text.Length > 1024)
            {
                return false;
            }

            try
            {
                var decoded = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(text));
                var separator = decoded.IndexOf(':', StringComparison.Ordinal);
                if (separator <= 0 || !int.TryParse(decoded.AsSpan(0, separator), NumberStyles.None, CultureInfo.InvariantCulture, out var id))
                {
                    return false;
                }

                cursor = new Cursor(decoded[(separator + 1)..], id);
                return true;
            }
            catch (FormatException)
            {
                return false;
            }
        }
    }
}
