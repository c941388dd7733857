namespace Commerce.Customers.Services;

/// <summary>
/// Turns "starts with P" into "at least P and below P'", where P' is P with its last character
/// incremented. Databases answer a range from an index under any collation that orders by code
/// point, while LIKE 'P%' may scan.
/// </summary>
public readonly record struct PrefixRange(string From, string? Below)
{
    public static PrefixRange For(string prefix)
    {
        ArgumentException.ThrowIfNullOrEmpty(prefix);
        var last = prefix[^1];
        // A surrogate or the last code unit has no simple successor; scanning from P is still correct.
        if (char.IsSurrogate(last) || last == char.MaxValue)
        {
            return new PrefixRange(prefix, null);
        }

        return new PrefixRange(prefix, string.Concat(prefix.AsSpan(0, prefix.Length - 1), [(char)(last + 1)]));
    }

    public bool Contains(string value) =>
        string.CompareOrdinal(value, From) >= 0 && (Below is null ? value.StartsWith(From, StringComparison.Ordinal) : string.CompareOrdinal(value, Below) < 0);
}
