using System.Net;
using System.Text;
using Commerce.Customers.Tests.Infrastructure;

namespace Commerce.Customers.Tests.Integration;

/// <summary>
/// A form to attack: where it posts, as whom, a valid filling (by case number, for values that must
/// be unique), and the fields hostile values go into. <paramref name="RoundTrip"/> checks an
/// accepted case: given the case's fields and the redirect, it returns a problem or null.
/// </summary>
public sealed record HostileForm(
    string Name, string Url, Person Person, Func<int, Dictionary<string, string>> Valid, string[] Fields,
    Func<IReadOnlyDictionary<string, string>, HttpResponseMessage, Task<string?>>? RoundTrip = null,
    bool RefusalNamesTheProblem = true,
    Func<SiteClient, Task>? BeforeEachCase = null,
    bool CountsWrongPasswords = false,
    Func<SiteClient, Task>? Prepare = null)
{
    private IReadOnlySet<string>? IgnoredColumns => CountsWrongPasswords ? DatabaseSnapshot.LockoutColumns : null;

    /// <summary>
    /// Sends every input, each into one field in turn (the others valid) and, every seventh case,
    /// into every field at once. Returns what went wrong, each with the input that caused it:
    /// a 500, a refusal that wrote something or said nothing, or an accepted value that did not
    /// round-trip.
    /// </summary>
    public async Task<List<string>> AttackAsync(HostileInputSite fixture, IReadOnlyList<HostileInput> inputs)
    {
        var failures = new List<string>();
        var client = await fixture.SharedClientAsync(Person);
        var token = await TokenAsync(client);
        if (Prepare is not null)
        {
            // What a person does before the form exists for them (opening a page that makes its state), outside the comparison.
            await Prepare(client);
        }

        await using var changes = await DatabaseChanges.WatchAsync(fixture.Site);
        var before = await DatabaseSnapshot.TakeAsync(fixture.Site, IgnoredColumns);
        for (var i = 0; i < inputs.Count; i++)
        {
            var input = inputs[i];
            var fields = Valid(i);
            var attacked = i % 7 == 6 ? Fields : [Fields[i % Fields.Length]];
            foreach (var field in attacked)
            {
                fields[field] = input.Value;
            }

            var where = $"{Name} [{string.Join(", ", attacked)}] = {input}";
            if (BeforeEachCase is not null)
            {
                await BeforeEachCase(client);
            }

            using var response = await PostAsync(client, fields, token);
            // Every table is compared only if something may have been committed since the last
            // snapshot; when nothing was, the last snapshot is the database as it is now.
            var after = await changes.MayHaveChangedAsync() ? await DatabaseSnapshot.TakeAsync(fixture.Site, IgnoredColumns) : before;
            switch (response.StatusCode)
            {
                case HttpStatusCode.OK or HttpStatusCode.BadRequest:
                    if (after != before)
                    {
                        failures.Add($"{where}: refused ({(int)response.StatusCode}) but the database changed");
                    }

                    if (RefusalNamesTheProblem && response.StatusCode == HttpStatusCode.OK && !ShowsAMessage(await response.Content.ReadAsStringAsync()))
                    {
                        failures.Add($"{where}: refused without a message");
                    }

                    break;
                case HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther:
                    if (RoundTrip is not null && await RoundTrip(fields, response) is { } problem)
                    {
                        failures.Add($"{where}: accepted, but {problem}");
                    }

                    // Accepting may sign the client in (registration, checkout), which makes its token stale.
                    token = await TokenAsync(client);
                    break;
                default:
                    failures.Add($"{where}: HTTP {(int)response.StatusCode}");
                    break;
            }

            before = after;
        }

        return failures;
    }

    /// <summary>Field errors or a summary of them, as the site's forms render them.</summary>
    public static bool ShowsAMessage(string page) =>
        page.Contains("field-validation-error", StringComparison.Ordinal)
        || page.Contains("validation-summary-errors", StringComparison.Ordinal)
        || page.Contains("class=\"notice error\"", StringComparison.Ordinal);

    private async Task<HttpResponseMessage> PostAsync(SiteClient client, Dictionary<string, string> fields, string token)
    {
        var body = new StringBuilder();
        foreach (var (name, value) in fields)
        {
            body.Append(Uri.EscapeDataString(name)).Append('=').Append(Uri.EscapeDataString(value)).Append('&');
        }

        body.Append("__RequestVerificationToken=").Append(Uri.EscapeDataString(token));
        using var content = new StringContent(body.ToString(), Encoding.UTF8, "application/x-www-form-urlencoded");
        return await client.Http.PostAsync(new Uri(Url, UriKind.Relative), content);
    }

    private static async Task<string> TokenAsync(SiteClient client) => SiteClient.AntiforgeryToken(await client.GetPageAsync("/admin/login"));
}
