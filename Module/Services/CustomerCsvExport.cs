using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Commerce.Customers.Services;

/// <summary>
/// Writes customers as CSV to a response, page by page, flushing after each: memory holds one
/// page whatever the number of rows. The header is the one the import reads back.
/// </summary>
public sealed class CustomerCsvExport(CustomerListQuery listQuery, TimeProvider clock)
{
    /// <summary>Everything the list's filter matches, in the list's order, walking its keyset pages.</summary>
    public Task WriteFilteredAsync(HttpResponse response, CustomerListFilter filter, CancellationToken cancellationToken) =>
        WriteAsync(response, FilteredPages(filter with { After = null, Before = null, PageSize = CustomerListFilter.MaxPageSize }, cancellationToken), cancellationToken);

    /// <summary>The ticked rows only.</summary>
    public Task WriteSelectedAsync(HttpResponse response, IReadOnlyCollection<int> ids, CancellationToken cancellationToken) =>
        WriteAsync(response, SelectedPages(ids, cancellationToken), cancellationToken);

    private async IAsyncEnumerable<IReadOnlyList<CustomerListRow>> FilteredPages(CustomerListFilter filter, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        while (true)
        {
            var page = await listQuery.ExecuteAsync(filter, cancellationToken);
            yield return page.Rows;
            if (page.NextCursor is null)
            {
                yield break;
            }

            filter = filter with { After = page.NextCursor };
        }
    }

    private async IAsyncEnumerable<IReadOnlyList<CustomerListRow>> SelectedPages(IReadOnlyCollection<int> ids, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        yield return await listQuery.RowsByIdAsync(ids, cancellationToken);
    }

    private async Task WriteAsync(HttpResponse response, IAsyncEnumerable<IReadOnlyList<CustomerListRow>> pages, CancellationToken cancellationToken)
    {
        response.ContentType = "text/csv; charset=utf-8";
        response.Headers.ContentDisposition = $"attachment; filename=\"customers-{clock.GetUtcNow():yyyyMMdd}.csv\"";
        await using var writer = new StreamWriter(response.Body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), bufferSize: 16 * 1024);
        await writer.WriteAsync(Csv.Line("Id", "Company", "Last name", "First name", "Email", "Created (UTC)", "Is registered", "Language"));
        await foreach (var rows in pages.WithCancellation(cancellationToken))
        {
            foreach (var row in rows)
            {
                await writer.WriteAsync(Csv.Line(
                    row.Id.ToString(CultureInfo.InvariantCulture), row.Company, row.LastName, row.FirstName, row.Email,
                    row.CreatedUtc.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture), row.IsRegistered ? "Yes" : "No", row.Culture ?? ""));
            }

            await writer.FlushAsync(cancellationToken);
        }
    }
}
