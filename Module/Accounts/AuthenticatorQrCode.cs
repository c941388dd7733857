using QRCoder;

namespace Commerce.Customers.Accounts;

/// <summary>
/// What an authenticator app scans: the otpauth:// address of the login's key, drawn by QRCoder
/// as a PNG for an img element (a data: image is allowed by the site's content security policy;
/// inline SVG styling would not be).
/// </summary>
public static class AuthenticatorQrCode
{
    public static string Uri(string issuer, string account, string key)
    {
        var label = System.Uri.EscapeDataString($"{issuer}:{account}");
        return $"otpauth://totp/{label}?secret={key}&issuer={System.Uri.EscapeDataString(issuer)}&digits=6";
    }

    public static string PngDataUrl(string uri)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(uri, QRCodeGenerator.ECCLevel.M);
        return "data:image/png;base64," + Convert.ToBase64String(new PngByteQRCode(data).GetGraphic(5));
    }

    /// <summary>The key in groups of four, as people copy it by hand; apps ignore the spaces.</summary>
    public static string Readable(string key) =>
        string.Join(" ", Enumerable.Range(0, (key.Length + 3) / 4).Select(i => key.Substring(i * 4, Math.Min(4, key.Length - i * 4)))).ToLowerInvariant();
}
