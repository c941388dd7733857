using System.Net;
using System.Text.RegularExpressions;

namespace Commerce.Customers.Benchmarks;

/// <summary>An HTTP client signed in to the Host's admin, as a browser would be.</summary>
public sealed partial class AdminSession : IDisposable
{
    private readonly HttpClientHandler _handler = new() { CookieContainer = new CookieContainer(), AllowAutoRedirect = false };

    private AdminSession(Uri root)
    {
        Root = root;
        Http = new HttpClient(_handler) { BaseAddress = root, Timeout = TimeSpan.FromMinutes(10) };
    }

    public Uri Root { get; }

    public HttpClient Http { get; }

    /// <summary>The cookie header to give wrk, which cannot sign in itself.</summary>
    public string CookieHeader => _handler.CookieContainer.GetCookieHeader(Root);

    public static async Task<AdminSession> SignInAsync(Uri root)
    {
        var session = new AdminSession(root);
        var form = await session.Http.GetStringAsync("/admin/login");
        var token = WebUtility.HtmlDecode(TokenPattern().Match(form).Groups[1].Value);
        using var content = new FormUrlEncodedContent([new("Email", HostProcess.AdminEmail), new("Password", HostProcess.AdminPassword), new("__RequestVerificationToken", token)]);
        using var response = await session.Http.PostAsync("/admin/login", content);
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Signing in to the benchmark site failed: {response.StatusCode}.");
        }

        return session;
    }

    /// <summary>The full HTML of a page, read to the end, as the list benchmark times it.</summary>
    public async Task<string> PageAsync(string url)
    {
        using var response = await Http.GetAsync(url);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync();
    }

    public void Dispose()
    {
        Http.Dispose();
        _handler.Dispose();
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
