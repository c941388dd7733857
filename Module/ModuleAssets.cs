using System.Reflection;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.FileProviders;
using Microsoft.Net.Http.Headers;

namespace Commerce.Customers;

/// <summary>
/// The module's stylesheet and script, embedded in its assembly and served under
/// <c>/_content/Commerce.Customers/</c>. Each URL carries a hash of the file, so browsers
/// may cache it for a year and still pick up a new version at once.
/// </summary>
public static class ModuleAssets
{
    public const string RequestPath = "/_content/" + Manifest.ModuleName;

    private static readonly Assembly Assembly = typeof(ModuleAssets).Assembly;
    private static readonly Lazy<IReadOnlyDictionary<string, string>> Versions = new(ComputeVersions);

    public static string Url(string fileName) =>
        Versions.Value.TryGetValue(fileName, out var version) ? $"{RequestPath}/{fileName}?v={version}" : $"{RequestPath}/{fileName}";

    internal static IApplicationBuilder UseModuleAssets(this IApplicationBuilder app) =>
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = new EmbeddedFileProvider(Assembly, "Assets"),
            RequestPath = RequestPath,
            OnPrepareResponse = context =>
            {
                if (context.Context.Request.Query.ContainsKey("v"))
                {
                    context.Context.Response.Headers[HeaderNames.CacheControl] = "public, max-age=31536000, immutable";
                }
            },
        });

    private static Dictionary<string, string> ComputeVersions()
    {
        var versions = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var resource in Assembly.GetManifestResourceNames().Where(name => name.StartsWith("Assets.", StringComparison.Ordinal)))
        {
            using var stream = Assembly.GetManifestResourceStream(resource)!;
            versions[resource["Assets.".Length..]] = Convert.ToHexStringLower(SHA256.HashData(stream))[..12];
        }

        return versions;
    }
}
