using Commerce.Customers.Services;

namespace Commerce.Customers.ViewModels;

/// <summary>The list's query string, bound as-is; bad values fall back to defaults rather than failing.</summary>
public sealed class CustomerListQueryString
{
    public string? Q { get; set; }

    /// <summary>"yes", "no" or empty for all.</summary>
    public string? Registered { get; set; }

    public string? Sort { get; set; }

    /// <summary>"asc" or "desc".</summary>
    public string? Dir { get; set; }

    public string? After { get; set; }
    public string? Before { get; set; }
    public int? Size { get; set; }

    public CustomerListFilter ToFilter()
    {
        var sort = Enum.TryParse<CustomerSort>(Sort, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) ? parsed : CustomerSort.Created;
        var descending = Dir is null ? sort == CustomerSort.Created : string.Equals(Dir, "desc", StringComparison.OrdinalIgnoreCase);
        var registered = Registered?.ToLowerInvariant() switch
        {
            "yes" => true,
            "no" => (bool?)false,
            _ => null,
        };
        var size = Size is { } requested && requested is > 0 and <= CustomerListFilter.MaxPageSize ? requested : CustomerListFilter.DefaultPageSize;
        // Control characters cannot be typed into a name, and PostgreSQL refuses NUL outright.
        var search = Q is null ? null : new string(Q.Where(c => !char.IsControl(c)).ToArray()).Trim();
        return new CustomerListFilter(string.IsNullOrEmpty(search) ? null : search, registered, sort, descending, After, Before, size);
    }
}

public sealed class CustomerListViewModel
{
    public required CustomerListFilter Filter { get; init; }
    public required CustomerListPage Page { get; init; }
    public bool CanManage { get; init; }

    /// <summary>The customers on this page whose login staff disabled.</summary>
    public IReadOnlySet<int> DisabledLogins { get; init; } = new HashSet<int>();

    public bool IsFiltered => Filter.Search is not null || Filter.Registered is not null;

    /// <summary>The list's address with the current search, filter and page size, sorted as given.</summary>
    public string SortUrl(CustomerSort sort)
    {
        // Clicking the current column flips its direction; a new column starts ascending (Created: newest first).
        var descending = sort == Filter.Sort ? !Filter.Descending : sort == CustomerSort.Created;
        return Url(sort, descending, after: null, before: null);
    }

    public string? NextUrl => Page.NextCursor is null ? null : Url(Filter.Sort, Filter.Descending, Page.NextCursor, null);

    public string? PreviousUrl => Page.PreviousCursor is null ? null : Url(Filter.Sort, Filter.Descending, null, Page.PreviousCursor);

    public string FirstUrl => Url(Filter.Sort, Filter.Descending, null, null);

    /// <summary>The CSV export of what the list shows (all pages), with the same search, filter and order.</summary>
    public string ExportUrl => FirstUrl.Replace("/admin/customers?", "/admin/customers/export?", StringComparison.Ordinal);

    public string SortIndicator(CustomerSort sort) => sort != Filter.Sort ? "" : Filter.Descending ? "▼" : "▲";

    public string? AriaSort(CustomerSort sort) => sort != Filter.Sort ? null : Filter.Descending ? "descending" : "ascending";

    private string Url(CustomerSort sort, bool descending, string? after, string? before)
    {
        var query = new List<KeyValuePair<string, string?>>();
        if (Filter.Search is not null)
        {
            query.Add(new("q", Filter.Search));
        }

        if (Filter.Registered is { } registered)
        {
            query.Add(new("registered", registered ? "yes" : "no"));
        }

        query.Add(new("sort", sort.ToString().ToLowerInvariant()));
        query.Add(new("dir", descending ? "desc" : "asc"));
        if (Filter.PageSize != CustomerListFilter.DefaultPageSize)
        {
            query.Add(new("size", Filter.PageSize.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        if (after is not null)
        {
            query.Add(new("after", after));
        }

        if (before is not null)
        {
            query.Add(new("before", before));
        }

        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString("/admin/customers", query);
    }
}
