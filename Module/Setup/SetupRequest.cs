namespace Commerce.Customers.Setup;

/// <summary>What set-up needs, whether typed on the setup screen or given on the command line.</summary>
public sealed class SetupRequest
{
    public string SiteName { get; set; } = "";
    public string AdminEmail { get; set; } = "";
    public string AdminPassword { get; set; } = "";

    /// <summary>A recipe name from the recipes folder, or the path of a recipe file.</summary>
    public string Recipe { get; set; } = "";

    /// <summary>The site's public address (scheme, host and path base), kept for links in emails; none if unknown.</summary>
    public string? BaseUrl { get; set; }
}

/// <summary>The outcome of set-up; on failure nothing was written.</summary>
public sealed record SetupResult(IReadOnlyList<Services.FieldError> Errors)
{
    public bool Succeeded => Errors.Count == 0;
}
