namespace Commerce.Customers.Tests.Infrastructure;

/// <summary>One generated input and the kind of attack or accident it stands for.</summary>
public sealed record HostileInput(string Category, string Value)
{
    public override string ToString() => $"{Category}: {Shown(Value)}";

    /// <summary>Short enough for a failure message, with invisible characters made visible.</summary>
    public static string Shown(string value)
    {
        var escaped = string.Concat(value.Take(80).Select(c => char.IsControl(c) || char.IsSurrogate(c) || c is '\u200B' or '\u202E' or '\uFEFF' ? $"\\u{(int)c:X4}" : c.ToString()));
        return value.Length > 80 ? $"{escaped}… ({value.Length} chars)" : escaped;
    }
}

/// <summary>
/// Hostile input for forms, query strings and files: over-long strings, Unicode and right-to-left
/// text, invalid and internationalized emails, SQL metacharacters, markup and script, path traversal,
/// control characters, odd numbers and dates. Pure and seeded: the same seed gives the same inputs,
/// so a failure names an input that can be sent again.
/// </summary>
public static class HostileInputs
{
    /// <summary>What the script payloads set; a page where it becomes defined ran stored script.</summary>
    public const string ScriptMarker = "__xss";

    private static readonly (string Category, string[] Values)[] Seeds =
    [
        ("over-long", ["a", "Ω", "😀", "<b>", "' OR 1=1 --", "x@example.com"]),
        ("unicode",
        [
            "Zoë Ångström", "e\u0301\u0301\u0301", "😀👩‍👩‍👧‍👦🏳️‍🌈", "\u200B\u200B", "\uFEFFbom", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "ﬁ ß İ ı", "日本語の名前",
            "Ⅻ ½ ²", "\u00A0\u2003 spaces", "Z̴̡̛a̶l̵g̷o̸", "\uFFFD\uFFFF", "ǅ", "ⓐⓑⓒ",
        ]),
        ("right-to-left",
        [
            "\u202Egnp.exe", "مرحبا بالعالم", "שלום עולם", "abc \u202Bمرحبا\u202C def", "\u200Fright\u200E", "\u2067isolate\u2069", "עברית 123 English",
        ]),
        ("invalid email",
        [
            "plainaddress", "@example.com", "a@", "a@b", "a..b@example.com", "a@b..com", "a b@example.com", "<a@example.com>", "a@example.com\r\nBcc: x@evil.com",
            "a@example.com,b@example.com", "a@@example.com", ".a@example.com", "a@-example.com", "a@example.com.", new string('l', 65) + "@example.com",
            "a@" + new string('d', 250) + ".com", "\"unterminated@example.com", "a@[300.1.1.1]", "a@example.com\0",
        ]),
        ("internationalized email",
        [
            "用户@例子.广告", "josé@example.com", "δοκιμή@παράδειγμα.δοκιμή", "user@xn--bcher-kva.example", "pelé@exämple.com", "θσερ@εχαμπλε.ψομ",
            "аdmin@example.com", "admin@ехаmple.com", "\"quoted local\"@example.com", "user+tag@example.com",
        ]),
        ("sql",
        [
            "' OR '1'='1", "'; DROP TABLE \"Customers\";--", "\" OR 1=1 --", "%' --", "%", "_", "a%", "\\", "'", "''", "1; SELECT pg_sleep(5)--",
            "Robert'); DROP TABLE Students;--", "' UNION SELECT \"PasswordHash\" FROM \"AspNetUsers\"--", "\u02BC OR 1=1", "' COLLATE \"C\" --",
        ]),
        ("markup",
        [
            "<script>window.__xss=1</script>", "<img src=x onerror=\"window.__xss=1\">", "\"><svg onload=window.__xss=1>", "'><iframe src=javascript:window.__xss=1>",
            "javascript:window.__xss=1", "</textarea><script>window.__xss=1</script>", "<a href=\"javascript:window.__xss=1\">x</a>", "{{7*7}}", "{% raw %}",
            "{{ customer.email }}", "${7*7}", "<!--", "]]>", "&lt;script&gt;", "<style>*{display:none}</style>", "<body onload=window.__xss=1>",
        ]),
        ("path traversal",
        [
            "../../etc/passwd", "..\\..\\windows\\win.ini", "%2e%2e%2f%2e%2e%2fetc%2fpasswd", "/etc/passwd", "file:///etc/passwd", "....//....//etc/passwd",
            "..%252f..%252f", "C:\\boot.ini", "\\\\server\\share", "~/.ssh/id_rsa", "..;/admin",
        ]),
        ("control characters", ["a\0b", "line\r\nbreak", "tab\there", "\u0085next", "\u2028sep", "\u001b[31mred", "\b\a\v\f", "\r", "\n"]),
        ("numbers and dates",
        [
            "-1", "0", "-0", "2147483648", "-2147483649", "99999999999999999999999999999", "1e308", "NaN", "Infinity", "0x10", "١٢٣", "1,5", "1.005", "+1",
            "9999-12-31", "0001-01-01", "2026-02-30", "10000-01-01", "1970-01-01T00:00:00Z", "yesterday", "true", "null", "[]", "{}",
        ]),
        ("format strings", ["{0}", "{0:N99}", "%s%s%s%n", "{", "}", "{{", "%00", "%", "$(whoami)", "`id`", "|| ls"]),
    ];

    public static IReadOnlyList<string> Categories { get; } = Seeds.Select(seed => seed.Category).ToList();

    /// <summary>
    /// <paramref name="count"/> inputs cycling through every category. Most are a category's
    /// values as they are; some are mutated (repeated, wrapped in ordinary text, or mixed with
    /// another category), so each seed yields new combinations.
    /// </summary>
    public static IReadOnlyList<HostileInput> Generate(int seed, int count)
    {
        var random = new Random(seed);
        var inputs = new List<HostileInput>(count);
        for (var i = 0; i < count; i++)
        {
            var (category, values) = Seeds[i % Seeds.Length];
            var value = values[random.Next(values.Length)];
            if (category == "over-long")
            {
                value = Repeat(value, OverLongLengths[random.Next(OverLongLengths.Length)]);
            }
            else
            {
                value = random.Next(4) switch
                {
                    0 => "Name " + value,
                    1 => value + " " + Seeds[random.Next(Seeds.Length)].Values[0],
                    _ => value,
                };
            }

            inputs.Add(new HostileInput(category, value));
        }

        return inputs;
    }

    /// <summary>Around the limits of the fields (50, 100, 200, 254), and far beyond them.</summary>
    private static readonly int[] OverLongLengths = [51, 101, 201, 255, 256, 1000, 4097, 70_000];

    private static string Repeat(string unit, int length)
    {
        var text = string.Concat(Enumerable.Repeat(unit, length / unit.Length + 1));
        // Never cut a surrogate pair in half: that would be a different (invalid) input.
        var cut = Math.Min(length, text.Length);
        if (cut < text.Length && char.IsHighSurrogate(text[cut - 1]))
        {
            cut--;
        }

        return text[..cut];
    }
}
