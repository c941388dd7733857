using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;

namespace Commerce.Customers.Notifications;

/// <summary>
/// Finds where a rendered email places a secret (a password or set-password token, here a unique
/// marker) in an address that leads off the site: an image, link, form, style or bare address in
/// text that a mail program fetches or a reader clicks would hand the secret to that host. The HTML
/// is read as mail programs read it (an HTML5 parser, entities decoded, <c>&lt;base&gt;</c> honoured)
/// and each address is resolved by the WHATWG URL rules, so <c>//host</c>, <c>https:\\host</c> and
/// <c>user@host</c> tricks resolve to the host a browser would go to.
/// </summary>
public static partial class SecretPlacement
{
    private static readonly HtmlParser Parser = new();

    /// <summary>Characters that end an address in text: white space, quotes, angle brackets and parentheses.</summary>
    private static readonly char[] Delimiters = [' ', '\t', '\r', '\n', '\f', '"', '\'', '<', '>', '(', ')'];

    /// <summary>Attributes whose whole value is an address, resolved against the document's base.</summary>
    private static readonly HashSet<string> AddressAttributes = new(StringComparer.OrdinalIgnoreCase)
    {
        "href", "src", "action", "formaction", "background", "poster", "data", "cite", "longdesc", "xlink:href",
        "usemap", "manifest", "icon", "lowsrc", "dynsrc", "codebase", "archive", "profile", "ping",
    };

    /// <summary>
    /// The host that an address carrying <paramref name="marker"/> leads to, when it is not the site's;
    /// null when every address with the marker stays on the site.
    /// </summary>
    public static string? ForeignHostInHtml(string html, string marker, string siteBaseUrl)
    {
        var site = new Url(siteBaseUrl);
        var document = Parser.ParseDocument(html);
        var baseElement = document.QuerySelector("base[href]")?.GetAttribute("href");
        var documentBase = baseElement is null ? site : new Url(site, Clean(baseElement));

        foreach (var element in document.All)
        {
            // Styles and scripts are never a place for a secret: their escapes hide addresses from any reading.
            if (element.LocalName is "style" or "script" && element.TextContent.Contains(marker, StringComparison.Ordinal))
            {
                return HostIn(element.TextContent, marker, documentBase, site) ?? "(a style or script)";
            }

            foreach (var attribute in element.Attributes)
            {
                if (!Clean(attribute.Value).Contains(marker, StringComparison.Ordinal))
                {
                    continue;
                }

                if (attribute.LocalName is "style")
                {
                    return HostIn(attribute.Value, marker, documentBase, site) ?? "(a style)";
                }

                var foreign = attribute.LocalName switch
                {
                    "srcset" => attribute.Value.Split(',').Select(candidate => candidate.Trim().Split(' ')[0]).Select(address => Foreign(address, documentBase, site)).FirstOrDefault(host => host is not null),
                    _ when AddressAttributes.Contains(attribute.LocalName) => Foreign(attribute.Value, documentBase, site),
                    _ => null,
                };
                foreign ??= HostIn(Clean(attribute.Value), marker, documentBase, site) ?? HostIn(Unescape(Clean(attribute.Value)), marker, documentBase, site);
                // A form sends its fields' values to its action.
                if (foreign is null && element.LocalName is "input" or "textarea" or "select" or "button" or "option")
                {
                    foreign = FormAction(element) is { } action ? Foreign(action, documentBase, site) : null;
                }

                // A link with ping tells the pinged host which address was followed.
                if (foreign is null && attribute.LocalName is "href" && element.GetAttribute("ping") is { } ping)
                {
                    foreign = ping.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(address => Foreign(address, documentBase, site)).FirstOrDefault(host => host is not null);
                }

                if (foreign is not null)
                {
                    return foreign;
                }
            }
        }

        // Text: mail programs turn bare addresses into links.
        foreach (var text in document.Body?.Descendants<IText>() ?? [])
        {
            if (text.Data.Contains(marker, StringComparison.Ordinal) && HostIn(text.Data, marker, documentBase, site) is { } host)
            {
                return host;
            }
        }

        // What the DOM does not show as elements still reaches some readers: Outlook renders
        // <!--[if mso]> comments, and <template> content is kept apart. The markup itself, entities
        // decoded, is read for addresses too.
        return HostIn(System.Net.WebUtility.HtmlDecode(html), marker, documentBase, site);
    }

    /// <summary>The same for plain text, the subject and the text body, where mail programs link bare addresses.</summary>
    public static string? ForeignHostInText(string text, string marker, string siteBaseUrl)
    {
        var site = new Url(siteBaseUrl);
        return text.Contains(marker, StringComparison.Ordinal) ? HostIn(text, marker, site, site) : null;
    }

    /// <summary>The foreign host of any address inside <paramref name="text"/> that carries the marker.</summary>
    private static string? HostIn(string text, string marker, Url documentBase, Url site)
    {
        for (var at = text.IndexOf(marker, StringComparison.Ordinal); at >= 0; at = text.IndexOf(marker, at + marker.Length, StringComparison.Ordinal))
        {
            // Only the run of address characters around the marker can hold an address that carries it.
            var start = text.LastIndexOfAny(Delimiters, at) + 1;
            var end = text.IndexOfAny(Delimiters, at) is var stop and >= 0 ? stop : text.Length;
            var found = HostInRun(text[start..end], marker, documentBase, site);
            if (found is not null)
            {
                return found;
            }
        }

        return null;
    }

    private static string? HostInRun(string text, string marker, Url documentBase, Url site)
    {
        MatchCollection matches;
        try
        {
            matches = AddressPattern().Matches(text);
            _ = matches.Count;
        }
        catch (RegexMatchTimeoutException)
        {
            return "(an address too long to read)";
        }

        foreach (Match match in matches)
        {
            if (!match.Value.Contains(marker, StringComparison.Ordinal))
            {
                continue;
            }

            // A bare host name is linked by mail programs with the site's own scheme at best.
            var address = match.Groups["bare"].Success ? site.Scheme + "://" + match.Value : match.Value;
            if (Foreign(address, documentBase, site) is { } host)
            {
                return host;
            }

            // An address on the site may carry another in its path or query (a redirect's ?to=https://...).
            if (AfterAuthority(match.Value) is { Length: > 0 } rest && HostInRun(rest, marker, documentBase, site) is { } inner)
            {
                return inner;
            }
        }

        return null;
    }

    /// <summary>The host an address leads to when it is not the site's, by the URL rules browsers follow.</summary>
    private static string? Foreign(string address, Url documentBase, Url site)
    {
        var url = new Url(documentBase, Clean(address));
        if (url.IsInvalid)
        {
            return "(an address that cannot be read)";
        }

        if (url.Scheme is not ("http" or "https"))
        {
            return url.Scheme + ":";
        }

        var sameHost = string.Equals(url.HostName, site.HostName, StringComparison.OrdinalIgnoreCase)
            && string.Equals(PortOf(url), PortOf(site), StringComparison.Ordinal);
        return sameHost ? null : url.HostName;
    }

    private static string PortOf(Url url) => string.IsNullOrEmpty(url.Port) ? (url.Scheme == "https" ? "443" : "80") : url.Port;

    /// <summary>Browsers drop tabs and line breaks from addresses, trim spaces and read backslashes as slashes.</summary>
    private static string Clean(string address) => address.Replace("\t", "").Replace("\r", "").Replace("\n", "").Trim().Replace('\\', '/');

    /// <summary>What follows an address's host: its path, query and fragment.</summary>
    private static string AfterAuthority(string address)
    {
        var start = address.IndexOf("//", StringComparison.Ordinal) is var slashes and >= 0 ? slashes + 2 : 0;
        var end = address.IndexOfAny(['/', '?', '#'], start);
        return end < 0 ? "" : address[(end + 1)..];
    }

    private static string Unescape(string value)
    {
        try
        {
            return Uri.UnescapeDataString(value);
        }
        catch (UriFormatException)
        {
            return value;
        }
    }

    private static string? FormAction(IElement element)
    {
        var form = element.GetAttribute("form") is { } id ? element.Owner?.GetElementById(id) : element.Closest("form");
        return form?.GetAttribute("action");
    }

    /// <summary>
    /// Absolute addresses (a scheme and slashes, or a scheme that needs none such as mailto:), scheme-relative
    /// ones, CSS url(...) and bare host names. "Password:" followed by the password is none of these.
    /// </summary>
    [GeneratedRegex(@"(?<css>(?<=url\(\s*['""]?)[^'"")\s]+)|(?:[a-zA-Z][a-zA-Z0-9+.\-]*:[/\\]+|(?i:mailto|javascript|vbscript|data|sms|tel|callto|ftp|file):)[^\s'""<>()]+|(?<![:\w/\\])[/\\]{2}[^\s'""<>()]+|(?<bare>(?<![\w.@/\\-])(?:[a-zA-Z0-9-]+\.)+[a-zA-Z]{2,}(?::\d+)?(?:[/?#][^\s'""<>()]*)?)", RegexOptions.None, matchTimeoutMilliseconds: 250)]
    private static partial Regex AddressPattern();
}
