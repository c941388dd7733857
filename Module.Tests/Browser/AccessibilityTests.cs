using Commerce.Customers.Tests.Infrastructure;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Commerce.Customers.Tests.Browser;

/// <summary>
/// axe-core, the accessibility engine, run in Chromium on every page of the product
/// (<see cref="ProductPages"/>) in English and in German: no serious or critical violation. On the
/// same walk every text-like input must look like the form's standard input (an unstyled date or
/// URL input stands out: full width, thin border, small font), and each page is photographed
/// when COMMERCE_SCREENSHOTS names a folder.
/// </summary>
[Collection(ChromiumCollection.Name)]
public sealed class AccessibilityTests(ChromiumBrowser chromium) : IAsyncLifetime
{
    private TestSite _site = null!;
    private IReadOnlyList<ProductPage> _pages = [];

    public async Task InitializeAsync()
    {
        _site = await TestSite.StartAsync(new TestSiteOptions { UseKestrel = true });
        _pages = await ProductPages.PrepareAsync(_site);
    }

    public async Task DisposeAsync() => await _site.DisposeAsync();

    [Theory]
    [InlineData("en-US")]
    [InlineData("de-DE")]
    public async Task Every_page_has_no_serious_or_critical_violation(string locale)
    {
        var problems = new List<string>();
        foreach (var group in _pages.GroupBy(page => page.Viewer))
        {
            var page = await chromium.NewPageAsync(_site.Secrets, locale);
            await SignInAsync(page, group.Key);
            foreach (var product in group)
            {
                await page.GotoAsync(new Uri(_site.RootUri, product.Url).ToString());
                await Screenshot.SaveAsync(page, $"page-{locale}-{group.Key}-{Slug(product.Url)}");
                problems.AddRange((await UnstyledInputsAsync(page)).Select(input => $"{group.Key} {product.Url}: unstyled input {input}"));
                var results = await page.RunAxe();
                problems.AddRange(results.Violations
                    .Where(violation => violation.Impact is "serious" or "critical")
                    .SelectMany(violation => violation.Nodes.Select(node => $"{group.Key} {product.Url}: {violation.Impact} {violation.Id} ({violation.Help}) at {node.Target} {Shorten(node.Html)}")));
            }

            await page.CloseAsync();
        }

        Assert.True(problems.Count == 0, $"{problems.Count} violations in {locale}:\n" + string.Join("\n", problems.Take(200)));
    }

    private async Task SignInAsync(IPage page, PageViewer viewer)
    {
        var (email, password) = viewer switch
        {
            PageViewer.Administrator => (TestSite.AdminEmail, TestSite.AdminPassword),
            PageViewer.Customer => (ProductPages.CustomerEmail, TestAccounts.Password),
            _ => (null, null),
        };
        if (email is null)
        {
            return;
        }

        await page.GotoAsync(new Uri(_site.RootUri, "/admin/login").ToString());
        await page.Locator("input[name=Email]").FillAsync(email);
        await page.Locator("input[name=Password]").FillAsync(password!);
        await page.Locator("form button[type=submit]").First.ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/login", StringComparison.Ordinal));
        if (viewer == PageViewer.Customer)
        {
            // So that the cart and checkout pages have something in them.
            await page.GotoAsync(new Uri(_site.RootUri, "/shop").ToString());
            await page.Locator("form[action='/shop/cart/add'] button[type=submit]").First.ClickAsync();
        }
    }

    // The standard is a plain text input in an editor field, measured on the same page; every
    // text-like input, select and textarea must agree with it on font, border and padding.
    private const string UnstyledInputsScript = """
        () => {
            const probeForm = document.createElement('form');
            probeForm.className = 'editor';
            probeForm.innerHTML = '<div class="field"><input type="text"></div>';
            document.body.appendChild(probeForm);
            const properties = ['font-size', 'font-family', 'border-top-width', 'border-top-style', 'border-top-color', 'border-top-left-radius', 'padding-left'];
            const standard = getComputedStyle(probeForm.querySelector('input'));
            const expected = properties.map(p => standard.getPropertyValue(p));
            probeForm.remove();
            const textLike = 'input:not([type]), input[type=text], input[type=email], input[type=password], input[type=search], input[type=number], input[type=tel], input[type=url], input[type=date], input[type=datetime-local], input[type=time], select, textarea';
            const found = [];
            for (const input of document.querySelectorAll(textLike)) {
                if (input.offsetParent === null) continue;
                const style = getComputedStyle(input);
                // A template's source is code, written in a monospace font on purpose.
                const isCode = input.tagName === 'TEXTAREA' && input.spellcheck === false;
                const differences = properties.filter((p, i) => style.getPropertyValue(p) !== expected[i] && !(isCode && p.startsWith('font-'))).map(p => `${p} ${style.getPropertyValue(p)} (standard ${expected[properties.indexOf(p)]})`);
                if (differences.length > 0) found.push(`${input.tagName.toLowerCase()}[name=${input.name}] ${input.type}: ${differences.join(', ')}`);
            }
            return found;
        }
        """;

    private static async Task<string[]> UnstyledInputsAsync(IPage page) => await page.EvaluateAsync<string[]>(UnstyledInputsScript);

    private static string Slug(string url) => new(url.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray());

    private static string Shorten(string html) => html.Length > 160 ? html[..160] + "…" : html;
}
