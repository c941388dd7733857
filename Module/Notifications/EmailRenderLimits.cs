namespace Commerce.Customers.Notifications;

/// <summary>
/// Configuration section <c>CommerceCustomers:Email:Rendering</c>: the bounds every template renders
/// within. A template is Liquid written by staff, so without them one preview could keep a core busy
/// for seconds or grow the process by hundreds of megabytes.
/// </summary>
public sealed class EmailRenderLimits
{
    /// <summary>Fluid's step limit: statements run, loop iterations included.</summary>
    public int MaxSteps { get; set; } = 50_000;

    /// <summary>Fluid's recursion limit.</summary>
    public int MaxRecursion { get; set; } = 16;

    /// <summary>Characters one email may render, its three parts and any captured text together; also the longest string a filter may make.</summary>
    public int MaxCharacters { get; set; } = 256 * 1024;

    /// <summary>The most items a range such as <c>(1..n)</c> or a filter's list may hold.</summary>
    public int MaxItems { get; set; } = 10_000;

    /// <summary>How long one email may take to render.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(2);
}
