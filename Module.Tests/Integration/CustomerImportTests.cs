using System.Net;
using System.Text;
using Commerce.Customers.Models;
using Commerce.Customers.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Commerce.Customers.Tests.Integration;

/// <summary>CSV import: a dry run names every bad line; nothing lands until the admin confirms; cancelling discards it all.</summary>
public sealed class CustomerImportTests : IAsyncLifetime
{
    private const string FileWithBadLines =
        "Id,Company,Last name,First name,Email,Phone,Created (UTC)\r\n" +
        "1,Acme,Runner,Road,road@acme.test,+1 555 0100,2026-01-01\r\n" +                    // line 2: good
        ",,\"Coyote, Wile E.\",Wile,wile@acme.test,,\r\n" +                                    // line 3: good, quoted comma
        ",\"Multi\nline Inc\",Smith,Anna,anna@multi.test,,\r\n" +                               // lines 4-5: a line break inside quotes reads, but a company may not hold one
        ",,Jones,Bob,not-an-email,,\r\n" +                                                      // line 6: bad email
        ",,,Nameless,nameless@acme.test,,\r\n" +                                                // line 7: no last name or company
        ",,Duplicate,Dan,ROAD@acme.test,,\r\n" +                                                // line 8: same email as line 2
        ",,Martin,Frank,frank@martin.com,,\r\n" +                                               // line 9: an existing customer's email
        ",,Short,line\r\n" +                                                                    // line 10: too few fields
        ",,Phone,Pat,pat@acme.test,call me,\r\n" +                                              // line 11: bad phone
        "\r\n" +                                                                                // line 12: blank, ignored
        ",'=HYPERLINK(),Formula,Fred,fred@acme.test,,\r\n";                                     // line 13: good, defused formula reads back

    private TestSite _site = null!;

    public async Task InitializeAsync() => _site = await TestSite.StartAsync();

    public async Task DisposeAsync() => await _site.DisposeAsync();

    [Fact]
    public async Task The_dry_run_lists_each_bad_line_then_the_import_adds_only_the_good_ones()
    {
        using var admin = await _site.AdminClientAsync();
        var before = await CustomerCountAsync();

        var id = await UploadAsync(admin, FileWithBadLines);
        var preview = WebUtility.HtmlDecode(await admin.GetPageAsync($"/admin/customers/jobs/{id}"));
        Assert.Equal(before, await CustomerCountAsync());
        Assert.Equal("10 lines read: 3 customers will be imported; 7 lines have problems and will be skipped.", Summary(preview));
        Assert.Contains("These columns are not imported: Id, Created (UTC)", preview, StringComparison.Ordinal);
        var issues = await BulkJobs.IssuesAsync(_site, id);
        Assert.Equal([4, 6, 7, 8, 9, 10, 11], issues.Select(issue => issue.Line!.Value).Order());
        Assert.Contains(issues, issue => issue.Line == 4 && issue.Message.Contains("line breaks", StringComparison.Ordinal));
        Assert.Contains(issues, issue => issue.Line == 6 && issue.Message.Contains("valid email", StringComparison.Ordinal));
        Assert.Contains(issues, issue => issue.Line == 7 && issue.Message.Contains("last name or a company", StringComparison.Ordinal));
        Assert.Contains(issues, issue => issue.Line == 8 && issue.Message.Contains("already on line 2", StringComparison.Ordinal));
        Assert.Contains(issues, issue => issue.Line == 9 && issue.Message.Contains("already exists", StringComparison.Ordinal));
        Assert.Contains(issues, issue => issue.Line == 10 && issue.Message.Contains("fields", StringComparison.Ordinal));
        Assert.Contains(issues, issue => issue.Line == 11 && issue.Message.Contains("phone", StringComparison.OrdinalIgnoreCase));

        using (var confirmed = await admin.PostFormAsync($"/admin/customers/jobs/{id}", [], $"/admin/customers/jobs/{id}/confirm"))
        {
            Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        }

        var progress = await BulkJobs.WaitUntilFinishedAsync(admin, id, TimeSpan.FromMinutes(1));
        Assert.Equal(3, progress.GetProperty("succeeded").GetInt32());
        Assert.Equal(7, progress.GetProperty("failed").GetInt32());
        Assert.Equal(before + 3, await CustomerCountAsync());
        var imported = await _site.WithDbAsync(db => db.Customers.AsNoTracking().Where(c => c.Email!.EndsWith("acme.test") || c.Email!.EndsWith("multi.test")).OrderBy(c => c.Email).ToListAsync());
        Assert.Equal(["fred@acme.test", "road@acme.test", "wile@acme.test"], imported.Select(c => c.Email));
        Assert.Equal("=HYPERLINK()", imported[0].Company);
        Assert.Equal("+1 555 0100", imported[1].Phone);
        Assert.Equal("Coyote, Wile E.", imported[2].LastName);
        Assert.Null(await _site.WithDbAsync(db => db.BulkJobs.Where(job => job.Id == id).Select(job => job.Payload).SingleAsync()));
    }

    [Fact]
    public async Task Cancelling_the_preview_imports_nothing_and_discards_the_file()
    {
        using var admin = await _site.AdminClientAsync();
        var before = await CustomerCountAsync();
        var id = await UploadAsync(admin, FileWithBadLines);

        using (var cancelled = await admin.PostFormAsync($"/admin/customers/jobs/{id}", [], $"/admin/customers/jobs/{id}/cancel"))
        {
            Assert.Equal(HttpStatusCode.Redirect, cancelled.StatusCode);
        }

        Assert.Contains("Nothing was imported", WebUtility.HtmlDecode(await admin.GetPageAsync($"/admin/customers/jobs/{id}")), StringComparison.Ordinal);
        using (var late = await admin.PostFormAsync($"/admin/customers/jobs/{id}", [], $"/admin/customers/jobs/{id}/confirm"))
        {
            Assert.Equal(HttpStatusCode.Redirect, late.StatusCode);
        }

        await Task.Delay(1000);
        Assert.Equal(before, await CustomerCountAsync());
        var job = await _site.WithDbAsync(db => db.BulkJobs.AsNoTracking().SingleAsync(j => j.Id == id));
        Assert.Equal(BulkJobStatus.Cancelled, job.Status);
        Assert.Null(job.Payload);
    }

    [Theory]
    [InlineData("", "Choose a CSV file")]
    [InlineData("Name,Address\r\nx,y\r\n", "include Last name or Company")]
    [InlineData("Last name,Email\r\n", "has no customers")]
    [InlineData("Last name,Last name\r\na,b\r\n", "appears more than once")]
    [InlineData("Last name,Last name\r\na,b\r\n", "Die Spalte Last name kommt mehr als einmal vor.", "de")]
    [InlineData("Name,Address\r\nx,y\r\n", "Last name oder Company enthalten", "de")]
    public async Task A_file_that_cannot_be_imported_is_refused_with_the_reason(string content, string reason, string? language = null)
    {
        using var admin = await _site.AdminClientAsync();
        if (language is not null)
        {
            admin.Http.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);
        }

        using var refused = await admin.PostFileAsync("/admin/customers/import", "file", "customers.csv", Encoding.UTF8.GetBytes(content));
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains(reason, WebUtility.HtmlDecode(Html.FieldError(await refused.Content.ReadAsStringAsync(), "file")), StringComparison.Ordinal);
        Assert.Equal(0, await _site.WithDbAsync(db => db.BulkJobs.CountAsync()));
    }

    [Fact]
    public async Task A_file_that_is_not_utf8_is_refused()
    {
        using var admin = await _site.AdminClientAsync();
        var latin1 = Encoding.Latin1.GetBytes("Last name,Email\r\nMüller,m@example.com\r\n");
        using var refused = await admin.PostFileAsync("/admin/customers/import", "file", "customers.csv", latin1);
        Assert.Contains("not UTF-8", WebUtility.HtmlDecode(Html.FieldError(await refused.Content.ReadAsStringAsync(), "file")), StringComparison.Ordinal);
        Assert.Equal(0, await _site.WithDbAsync(db => db.BulkJobs.CountAsync()));
    }

    [Theory]
    [InlineData(Commerce.Customers.Controllers.CustomerImportController.MaxFileBytes + 1)]
    [InlineData(Commerce.Customers.Controllers.CustomerImportController.MaxFileBytes + 1024 * 1024)]
    public async Task A_file_over_the_size_limit_is_refused_with_the_limit_and_starts_nothing(long size)
    {
        using var admin = await _site.AdminClientAsync();
        var line = Encoding.UTF8.GetBytes("Someone,someone@example.com\r\n");
        var file = new byte[size];
        Encoding.UTF8.GetBytes("Last name,Email\r\n").CopyTo(file, 0);
        for (var at = 32; at + line.Length <= file.Length; at += line.Length)
        {
            line.CopyTo(file, at);
        }

        using var refused = await admin.PostFileAsync("/admin/customers/import", "file", "customers.csv", file);
        var page = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
        Assert.True(refused.StatusCode is HttpStatusCode.OK or HttpStatusCode.RequestEntityTooLarge, $"{(int)refused.StatusCode}: {page[..Math.Min(page.Length, 400)]}");
        Assert.Contains("larger than 10 MB", page, StringComparison.Ordinal);
        Assert.Equal(0, await _site.WithDbAsync(db => db.BulkJobs.CountAsync()));
    }

    [Fact]
    public async Task The_lists_own_export_reads_back_as_an_import()
    {
        using var admin = await _site.AdminClientAsync();
        var export = await admin.GetPageAsync("/admin/customers/export");
        var id = await UploadAsync(admin, export.Replace("@", "@copy.", StringComparison.Ordinal));
        var issues = await BulkJobs.IssuesAsync(_site, id);
        Assert.Empty(issues);
        Assert.Contains("will be imported", await admin.GetPageAsync($"/admin/customers/jobs/{id}"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_Language_column_stores_the_supported_culture_in_any_case_or_regional_form()
    {
        using var admin = await _site.AdminClientAsync();
        var id = await UploadAsync(admin,
            "Last name,Email,language\r\n" +
            "Lower,lower@lang.test,de\r\n" +
            "Upper,upper@lang.test,DE\r\n" +
            "Austria,austria@lang.test,de-AT\r\n" +
            "Britain,britain@lang.test, en_GB \r\n" +
            "English,english@lang.test,en\r\n" +
            "Default,default@lang.test,\r\n");
        Assert.Empty(await BulkJobs.IssuesAsync(_site, id));
        var preview = WebUtility.HtmlDecode(await admin.GetPageAsync($"/admin/customers/jobs/{id}"));
        Assert.Contains("<th scope=\"col\">Language</th>", preview, StringComparison.Ordinal);
        Assert.Contains("<td>austria@lang.test</td><td></td><td>de</td>", preview, StringComparison.Ordinal);

        await ConfirmAsync(admin, id, succeeded: 6, failed: 0);
        Assert.Equal(
            [("austria@lang.test", "de"), ("britain@lang.test", "en"), ("default@lang.test", null), ("english@lang.test", "en"), ("lower@lang.test", "de"), ("upper@lang.test", "de")],
            await CulturesAsync("lang.test"));
    }

    [Fact]
    public async Task An_unsupported_language_refuses_its_line_by_number_and_imports_the_others()
    {
        using var admin = await _site.AdminClientAsync();
        var before = await CustomerCountAsync();
        var id = await UploadAsync(admin,
            "Company,Last name,Email,Language\r\n" +
            ",Good,good@refused.test,de\r\n" +                 // line 2: good
            ",French,french@refused.test,fr\r\n" +             // line 3: not a supported language
            ",Also good,also@refused.test,en\r\n" +            // line 4: good
            ",Unknown,unknown@refused.test,xx\r\n" +           // line 5: no language at all
            ",Sql,sql@refused.test,'; drop table\r\n" +        // line 6: not a language name
            ",Tail,tail@refused.test,de-'; drop\r\n");         // line 7: a supported language with a tail that is no region
        var issues = await BulkJobs.IssuesAsync(_site, id);
        Assert.Equal([3, 5, 6, 7], issues.Select(issue => issue.Line!.Value).Order());
        Assert.Contains(issues, issue => issue.Line == 3 && issue.Subject == "french@refused.test" && issue.Message.Contains("language fr is not supported", StringComparison.Ordinal));
        Assert.Contains(issues, issue => issue.Line == 5 && issue.Message.Contains("language xx is not supported", StringComparison.Ordinal));
        Assert.Contains(issues, issue => issue.Line == 6 && issue.Message.Contains("language '; drop table is not supported", StringComparison.Ordinal));
        Assert.Contains(issues, issue => issue.Line == 7 && issue.Message.Contains("language de-'; drop is not supported", StringComparison.Ordinal));
        Assert.All(issues, issue => Assert.Contains("en, de", issue.Message, StringComparison.Ordinal));
        Assert.Equal("6 lines read: 2 customers will be imported; 4 lines have problems and will be skipped.", Summary(WebUtility.HtmlDecode(await admin.GetPageAsync($"/admin/customers/jobs/{id}"))));

        await ConfirmAsync(admin, id, succeeded: 2, failed: 4);
        Assert.Equal(before + 2, await CustomerCountAsync());
        Assert.Equal([("also@refused.test", "en"), ("good@refused.test", "de")], await CulturesAsync("refused.test"));
    }

    [Fact]
    public async Task A_round_trip_through_export_and_import_keeps_each_customers_language()
    {
        await _site.WithDbAsync(async db =>
        {
            db.Customers.AddRange(
                new Customer { Company = "Roundtrip", LastName = "Deutsch", Email = "deutsch@trip.test", Culture = "de", CreatedUtc = DateTime.UtcNow },
                new Customer { Company = "Roundtrip", LastName = "English", Email = "english@trip.test", Culture = "en", CreatedUtc = DateTime.UtcNow },
                new Customer { Company = "Roundtrip", LastName = "Site", Email = "site@trip.test", CreatedUtc = DateTime.UtcNow });
            return await db.SaveChangesAsync();
        });
        using var admin = await _site.AdminClientAsync();
        var export = await admin.GetPageAsync("/admin/customers/export?q=roundtrip");
        var id = await UploadAsync(admin, export.Replace("@trip.test", "@copy.trip.test", StringComparison.Ordinal));
        Assert.Empty(await BulkJobs.IssuesAsync(_site, id));

        Assert.Equal(4, export.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
        await ConfirmAsync(admin, id, succeeded: 3, failed: 0);
        Assert.Equal(
            [("deutsch@copy.trip.test", "de"), ("english@copy.trip.test", "en"), ("site@copy.trip.test", null)],
            await CulturesAsync("copy.trip.test"));
    }

    private static async Task ConfirmAsync(SiteClient admin, long id, int succeeded, int failed)
    {
        using (var confirmed = await admin.PostFormAsync($"/admin/customers/jobs/{id}", [], $"/admin/customers/jobs/{id}/confirm"))
        {
            Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        }

        var progress = await BulkJobs.WaitUntilFinishedAsync(admin, id, TimeSpan.FromMinutes(1));
        Assert.Equal((succeeded, failed), (progress.GetProperty("succeeded").GetInt32(), progress.GetProperty("failed").GetInt32()));
    }

    private async Task<List<(string, string?)>> CulturesAsync(string domain) =>
        (await _site.WithDbAsync(db => db.Customers.AsNoTracking().Where(c => c.Email!.EndsWith("@" + domain)).OrderBy(c => c.Email).Select(c => new { c.Email, c.Culture }).ToListAsync()))
            .ConvertAll(c => (c.Email!, c.Culture));

    private async Task<long> UploadAsync(SiteClient admin, string csv)
    {
        using var uploaded = await admin.PostFileAsync("/admin/customers/import", "file", "customers.csv", Encoding.UTF8.GetBytes(csv));
        Assert.Equal(HttpStatusCode.Redirect, uploaded.StatusCode);
        return long.Parse(Html.RedirectPath(uploaded).Split('/')[^1], System.Globalization.CultureInfo.InvariantCulture);
    }

    private static string Summary(string page)
    {
        var start = page.IndexOf("id=\"dry-run-summary\">", StringComparison.Ordinal);
        Assert.True(start >= 0, "The page shows no dry-run summary.");
        var paragraph = page[(start + "id=\"dry-run-summary\">".Length)..page.IndexOf("</p>", start, StringComparison.Ordinal)];
        return System.Text.RegularExpressions.Regex.Replace(paragraph, "<[^>]+>", "");
    }

    private Task<int> CustomerCountAsync() => _site.WithDbAsync(db => db.Customers.CountAsync());

}
