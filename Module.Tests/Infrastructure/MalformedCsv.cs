using System.Text;

namespace Commerce.Customers.Tests.Infrastructure;

/// <summary>A generated upload: its file name, bytes, and what is wrong with it.</summary>
public sealed record CsvUpload(string Kind, string Name, byte[] Bytes)
{
    public override string ToString() => $"{Kind} ({HostileInput.Shown(Name)}, {Bytes.Length} bytes)";
}

/// <summary>
/// Import files that are broken or hostile: bad encodings, broken quoting, binary junk, wrong or
/// duplicate headers, ragged and enormous lines, and hostile values in well-formed files. Seeded
/// and pure, like <see cref="HostileInputs"/>.
/// </summary>
public static class MalformedCsv
{
    private const string Header = "Company,Last name,First name,Email,Phone";

    public static IReadOnlyList<CsvUpload> Generate(int seed, int count)
    {
        var random = new Random(seed);
        var values = HostileInputs.Generate(seed, count);
        var kinds = new Func<int, string, (string Kind, byte[] Bytes)>[]
        {
            (i, v) => ("hostile value", Utf8($"{Header}\r\n{Row(random.Next(5), Quote(v), i)}\r\n")),
            (_, v) => ("unterminated quote", Utf8($"{Header}\r\n\"{v},Lee,Ann,ann@example.com,\r\n")),
            (_, _) => ("invalid UTF-8", [.. Encoding.UTF8.GetBytes(Header + "\r\n,Lee,"), 0xC3, 0x28, 0xFF, 0xFE, .. "\r\n"u8]),
            (_, _) => ("binary junk", RandomBytes(random, random.Next(1, 4096))),
            (_, v) => ("empty or blank", Utf8(new[] { "", "\uFEFF", " ", "\r\n\r\n", "\t" }[random.Next(5)])),
            (_, _) => ("header only", Utf8(Header + "\r\n")),
            (_, v) => ("hostile header", Utf8($"{Quote(v)},{Quote(v)}\r\nAcme,Lee\r\n")),
            (_, _) => ("a thousand columns", Utf8(string.Join(',', Enumerable.Range(0, 1000).Select(n => $"C{n}")) + "\r\n" + new string(',', 999) + "\r\n")),
            (i, _) => ("enormous field", Utf8($"{Header}\r\n{Row(random.Next(5), new string('x', 70_000), i)}\r\n")),
            (_, v) => ("ragged lines", Utf8($"{Header}\r\n{Quote(v)}\r\na,b,c,d,e,f,g,h\r\n,,,\r\n")),
            (i, v) => ("UTF-16", Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes($"{Header}\r\n{Row(1, Quote(v), i)}\r\n")).ToArray()),
            (i, _) => ("formula", Utf8($"{Header}\r\n=cmd|' /C calc'!A0,@SUM(1+1),+1+1,f{i}@example.com,-1+1\r\n")),
            (i, v) => ("bare carriage returns", Utf8($"{Header}\r{Row(2, Quote(v), i)}\r")),
            (i, v) => ("duplicate columns", Utf8($"Email,Email,Last name,Last name\r\nd{i}@example.com,{Quote(v)},Lee,Lee\r\n")),
            (i, v) => ("NUL bytes", Utf8($"{Header}\r\nA\0B,{Quote(v)}\0,Ann,n{i}@example.com,\r\n")),
        };

        var uploads = new List<CsvUpload>(count);
        for (var i = 0; i < count; i++)
        {
            var (kind, bytes) = kinds[i % kinds.Length](i, values[i].Value);
            // Now and then the file name is hostile too: it is shown in the job's description.
            // (An HTTP client cannot put control characters or bare quotes in a header, so those are left out of names.)
            var name = i % 5 == 4 ? new string(values[(i * 7) % count].Value.Where(c => !char.IsControl(c) && c is not '"' and not '\\').ToArray()) + ".csv" : $"customers-{i}.csv";
            uploads.Add(new CsvUpload(kind, name, bytes));
        }

        return uploads;
    }

    /// <summary>A customer line with <paramref name="value"/> in column <paramref name="column"/>; the email stays unique.</summary>
    private static string Row(int column, string value, int i)
    {
        string[] fields = ["Acme", "Lee", "Ann", $"row{i}@example.com", "+1 555 0100"];
        fields[column] = value;
        return string.Join(',', fields);
    }

    private static string Quote(string value) => "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private static byte[] RandomBytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }
}
