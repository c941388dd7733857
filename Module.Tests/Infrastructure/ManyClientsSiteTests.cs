using System.Net;

namespace Commerce.Customers.Tests.Infrastructure;

/// <summary>
/// Tests, run per provider, in which several clients act as one customer from one address: two
/// tabs, a double click, a shared account. The site's per-address rate limit is raised for them.
/// </summary>
public abstract class ManyClientsSiteTests : IAsyncLifetime
{
    private TestSite? _site;

    protected TestSite Site => _site!;

    protected abstract Task<TestSiteOptions> SiteOptionsAsync();

    public async Task InitializeAsync() =>
        _site = await TestSite.StartAsync((await SiteOptionsAsync()) with
        {
            Settings = new Dictionary<string, string> { ["CommerceCustomers:Accounts:RequestsPerMinutePerIp"] = "1000" },
        });

    public async Task DisposeAsync()
    {
        if (_site is not null)
        {
            await _site.DisposeAsync();
        }
    }

    /// <summary>
    /// Prepares one client per writer (signed in, or with a cart) and has it read the form's token
    /// from <paramref name="formUrl"/>; then all of them post their forms at once.
    /// </summary>
    protected async Task<List<(HttpStatusCode Status, string Body)>> PostAtOnceAsync(
        int writers, string formUrl, Func<SiteClient, Task> prepare, Func<int, Dictionary<string, string>> fields, string? postUrl = null)
    {
        var clients = new List<SiteClient>();
        var forms = new List<FormUrlEncodedContent>();
        try
        {
            for (var i = 0; i < writers; i++)
            {
                var client = Site.CreateSiteClient();
                clients.Add(client);
                await prepare(client);
                var form = fields(i);
                form["__RequestVerificationToken"] = SiteClient.AntiforgeryToken(await client.GetPageAsync(formUrl));
                forms.Add(new FormUrlEncodedContent(form));
            }

            var responses = await Task.WhenAll(clients.Select((client, i) => client.Http.PostAsync(new Uri(postUrl ?? formUrl, UriKind.Relative), forms[i])));
            var results = new List<(HttpStatusCode, string)>();
            foreach (var response in responses)
            {
                results.Add((response.StatusCode, await response.Content.ReadAsStringAsync()));
                response.Dispose();
            }

            return results;
        }
        finally
        {
            forms.ForEach(form => form.Dispose());
            clients.ForEach(client => client.Dispose());
        }
    }
}
