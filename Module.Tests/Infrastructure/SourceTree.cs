namespace Commerce.Customers.Tests.Infrastructure;

/// <summary>The checkout the tests were built from, for tests that read the product's sources.</summary>
public static class SourceTree
{
    public static string Root { get; } = FindRoot();

    /// <summary>Every file of the module and the host with one of the extensions, without build output.</summary>
    public static IEnumerable<string> Files(params string[] extensions) =>
        new[] { "Module", "Host" }
            .SelectMany(project => Directory.EnumerateFiles(Path.Combine(Root, project), "*", SearchOption.AllDirectories))
            .Where(path => extensions.Contains(Path.GetExtension(path), StringComparer.OrdinalIgnoreCase))
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !path.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !path.Contains($"{Path.DirectorySeparatorChar}Migrations{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Commerce.Customers.Module.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No Commerce.Customers.Module.sln above {AppContext.BaseDirectory}.");
    }
}
