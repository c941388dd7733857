using System.Text;
using Commerce.Customers.Bulk;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Commerce.Customers.Controllers;

/// <summary>
/// CSV import: the upload is checked line by line at once (a dry run) and shown; nothing is
/// imported until the admin confirms, and cancelling discards the file.
/// </summary>
[Route("admin/customers/import")]
[Authorize(Policy = nameof(Permissions.ManageCustomers))]
[RequireFeature(Manifest.CustomersFeatureId)]
public sealed class CustomerImportController(
    BulkJobService jobs,
    CustomerImportChecker checker,
    IStringLocalizer<CustomerImportController> S) : Controller
{
    public const long MaxFileBytes = 10 * 1024 * 1024;
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    [HttpGet("")]
    public IActionResult Index() => View();

    [HttpPost("")]
    [RequestSizeLimit(MaxFileBytes + 64 * 1024)]
    [RequestFormLimits(MultipartBodyLengthLimit = MaxFileBytes + 64 * 1024)]
    [TypeFilter<UploadTooLargeFilter>]
    public async Task<IActionResult> Upload(IFormFile? file, CancellationToken cancellationToken)
    {
        if (file is null || file.Length == 0)
        {
            return Refuse(S["Choose a CSV file to import."]);
        }

        if (file.Length > MaxFileBytes)
        {
            return Refuse(TooLargeMessage(S));
        }

        string text;
        try
        {
            using var reader = new StreamReader(file.OpenReadStream(), StrictUtf8, detectEncodingFromByteOrderMarks: true);
            text = await reader.ReadToEndAsync(cancellationToken);
        }
        catch (DecoderFallbackException)
        {
            return Refuse(S["The file is not UTF-8 text. Save it as \"CSV UTF-8\" and upload it again."]);
        }

        // A NUL is no character of a CSV file, and PostgreSQL refuses to store one in text: a file
        // holding one is binary, or saved in an encoding other than UTF-8.
        if (text.Contains('\0', StringComparison.Ordinal))
        {
            return Refuse(S["The file contains NUL characters, so it is not CSV text. Save it as \"CSV UTF-8\" and upload it again."]);
        }

        var parsed = CustomerImportFile.Read(text, S);
        if (parsed.FileErrors.Count > 0)
        {
            return Refuse(parsed.FileErrors[0]);
        }

        var lines = parsed.Rows.Count + parsed.LineErrors.Count;
        if (lines == 0)
        {
            return Refuse(S["The file names its columns but has no customers."]);
        }

        var errors = await checker.CheckAllAsync(parsed, cancellationToken);
        // The name is shown in the job's title; control characters there would only garble it.
        var name = new string(Path.GetFileName(file.FileName).Where(c => !char.IsControl(c)).ToArray());
        var job = await jobs.PrepareImportAsync(text, lines, errors, name.Length > 100 ? name[..100] : name, User, cancellationToken);
        return RedirectToAction(nameof(BulkJobsController.Details), "BulkJobs", new { id = job.Id });
    }

    internal static string TooLargeMessage(IStringLocalizer S) =>
        S["The file is larger than {0} MB. Split it into smaller files.", MaxFileBytes / 1024 / 1024];

    private ViewResult Refuse(string message)
    {
        ModelState.AddModelError("file", message);
        return View(nameof(Index));
    }
}
