using System.Text.Json;
using Commerce.Customers.Data;
using Commerce.Customers.Models;
using Commerce.Customers.Services;
using Microsoft.EntityFrameworkCore;

namespace Commerce.Customers.Bulk;

/// <summary>
/// Which customers a bulk action is for: the rows an admin ticked, or every customer matching the
/// list's search and filter when the action was started (new customers after that are left out).
/// </summary>
public sealed record BulkSelection(IReadOnlyList<int>? Ids, string? Search, bool? Registered, int MaxId)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public bool IsAllMatching => Ids is null;

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    public static BulkSelection FromJson(string? json) =>
        (json is null ? null : JsonSerializer.Deserialize<BulkSelection>(json, Json)) ?? throw new InvalidOperationException("The bulk job has no selection.");

    /// <summary>The selected customers, whatever the list's sort: the job walks them by id.</summary>
    public IQueryable<Customer> Query(CustomersDbContext db)
    {
        var customers = db.Customers.AsNoTracking().Where(c => c.Id <= MaxId);
        return Ids is { } ids
            ? customers.Where(c => ids.Contains(c.Id))
            : CustomerListQuery.ApplyFilter(customers, new CustomerListFilter(Search, Registered));
    }

    /// <summary>The next ids after <paramref name="cursor"/>, in order, so a job resumes where it stopped.</summary>
    public Task<List<int>> NextIdsAsync(CustomersDbContext db, long cursor, int take, CancellationToken cancellationToken) =>
        Query(db).Where(c => c.Id > cursor).OrderBy(c => c.Id).Select(c => c.Id).Take(take).ToListAsync(cancellationToken);
}
