using System.Net;
using System.Text.RegularExpressions;

namespace Commerce.Customers.Tests.Infrastructure;

/// <summary>
/// Talks to the site as a browser does: GET a page, take its antiforgery token, POST the form.
/// </summary>
public sealed partial class SiteClient(HttpClient http, SiteSecrets? secrets = null) : IDisposable
{
    public HttpClient Http { get; } = http;

    public Task<HttpResponseMessage> GetAsync(string url) => Http.GetAsync(new Uri(url, UriKind.Relative));

    public async Task<string> GetPageAsync(string url)
    {
        using var response = await GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>Loads <paramref name="formUrl"/> for its antiforgery token, then posts the fields to <paramref name="postUrl"/> (default: the same page).</summary>
    public async Task<HttpResponseMessage> PostFormAsync(string formUrl, IEnumerable<KeyValuePair<string, string>> fields, string? postUrl = null)
    {
        var page = await GetPageAsync(formUrl);
        var token = AntiforgeryToken(page);
        var body = new List<KeyValuePair<string, string>>(fields) { new("__RequestVerificationToken", token) };
        secrets?.AddFromForm(body);
        using var content = new FormUrlEncodedContent(body);
        return await Http.PostAsync(new Uri(postUrl ?? formUrl, UriKind.Relative), content);
    }

    /// <summary>Uploads a file as a multipart form, with the antiforgery token of <paramref name="formUrl"/>.</summary>
    public async Task<HttpResponseMessage> PostFileAsync(string formUrl, string fieldName, string fileName, byte[] bytes)
    {
        var token = AntiforgeryToken(await GetPageAsync(formUrl));
        using var content = new MultipartFormDataContent();
        content.Add(new StringContent(token), "__RequestVerificationToken");
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/csv");
        content.Add(file, fieldName, fileName);
        return await Http.PostAsync(new Uri(formUrl, UriKind.Relative), content);
    }

    /// <summary>Posts without any antiforgery token, as a cross-site form would.</summary>
    public async Task<HttpResponseMessage> PostWithoutTokenAsync(string url, IEnumerable<KeyValuePair<string, string>> fields)
    {
        fields = fields.ToList();
        secrets?.AddFromForm(fields);
        using var content = new FormUrlEncodedContent(fields);
        return await Http.PostAsync(new Uri(url, UriKind.Relative), content);
    }

    public async Task SignInAsync(string email, string password)
    {
        using var response = await PostFormAsync("/admin/login", [new("Email", email), new("Password", password)]);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"Signing in as {email} answered {(int)response.StatusCode}: {Html.Text(await response.Content.ReadAsStringAsync())[..Math.Min(400, Html.Text(await response.Content.ReadAsStringAsync()).Length)]}");
    }

    public static string AntiforgeryToken(string page)
    {
        var match = TokenPattern().Match(page);
        Assert.True(match.Success, "The page has no antiforgery token.");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    public void Dispose() => Http.Dispose();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
