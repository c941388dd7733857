using System.Text.Json;
using Commerce.Customers.Data;
using Commerce.Customers.Localization;
using Commerce.Customers.Models;
using Commerce.Customers.Services;

namespace Commerce.Customers.Notifications;

/// <summary>
/// The one service login flows call to email a customer, inside their unit of work. It renders
/// nothing: a template is rendered by the dispatcher, after the caller's transaction has committed,
/// so a slow or failing template never holds the database's write lock or changes the caller's answer.
/// </summary>
public interface ICustomerNotifications
{
    /// <summary>
    /// Adds the message to the outbox in the caller's DbContext: it is written by the caller's next
    /// SaveChanges, in the caller's transaction, and delivered once that commits.
    /// </summary>
    /// <param name="secret">The password or link the template delivers; encrypted at rest, never logged.</param>
    Task<Notification> EnqueueAsync(string template, Customer customer, string userName, string? secret, CancellationToken cancellationToken = default);

    /// <summary>Enqueues a notice without a secret to an address the customer no longer has, such as the one staff just replaced.</summary>
    Task<Notification> EnqueueToFormerAddressAsync(string template, Customer customer, string formerEmail, string userName, CancellationToken cancellationToken = default);

    /// <summary>Enqueues a membership reminder or expiry notice, which carries no secret.</summary>
    Task<Notification> EnqueueMembershipAsync(string template, Customer customer, string userName, EmailMembership membership, CancellationToken cancellationToken = default);
}

internal sealed class CustomerNotifications(
    CustomersDbContext db,
    NotificationSecrets secrets,
    NotificationSignal signal,
    SiteSettingsStore siteSettings,
    SiteUrls urls,
    RegionalSettingsStore regional,
    TimeProvider clock) : ICustomerNotifications
{
    private static readonly JsonSerializerOptions ModelJson = new(JsonSerializerDefaults.Web);
    private bool _listening;

    public Task<Notification> EnqueueAsync(string template, Customer customer, string userName, string? secret, CancellationToken cancellationToken = default) =>
        EnqueueAsync(template, customer, userName, secret, membership: null, cancellationToken);

    public Task<Notification> EnqueueMembershipAsync(string template, Customer customer, string userName, EmailMembership membership, CancellationToken cancellationToken = default) =>
        EnqueueAsync(template, customer, userName, secret: null, membership, cancellationToken);

    public Task<Notification> EnqueueToFormerAddressAsync(string template, Customer customer, string formerEmail, string userName, CancellationToken cancellationToken = default) =>
        EnqueueAsync(template, customer, userName, secret: null, membership: null, cancellationToken, recipient: formerEmail);

    private async Task<Notification> EnqueueAsync(string template, Customer customer, string userName, string? secret, EmailMembership? membership, CancellationToken cancellationToken, string? recipient = null)
    {
        var definition = EmailTemplateDefinitions.Find(template) ?? throw new ArgumentException($"There is no email template '{template}'.", nameof(template));
        if ((definition.Secret == EmailSecretKind.None) != string.IsNullOrEmpty(secret))
        {
            // The message names the template only: the secret itself must never reach an exception.
            throw new ArgumentException($"The template '{template}' {(definition.Secret == EmailSecretKind.None ? "takes no secret" : "needs a secret")}.", nameof(secret));
        }

        recipient ??= customer.Email;
        if (string.IsNullOrWhiteSpace(recipient))
        {
            throw new InvalidOperationException("The customer has no email address to notify.");
        }

        if (customer.Id == 0)
        {
            throw new InvalidOperationException("Save a new customer (inside the same transaction) before notifying them, so the message can name them.");
        }

        var model = await BuildModelAsync(customer, userName, cancellationToken);
        model.Membership = membership;
        var now = clock.GetUtcNow().UtcDateTime;
        var notification = new Notification
        {
            MessageId = MessageIds.ForSite(model.Site.BaseUrl),
            CustomerId = customer.Id,
            Template = template,
            Culture = SupportedCultures.Match(customer.Culture) ?? (await regional.GetAsync(cancellationToken)).Culture,
            RecipientEmail = recipient,
            RecipientName = model.Customer.FullName.Length > 0 ? model.Customer.FullName : customer.Company,
            // The template's name until the dispatcher renders the real subject (secret masked) on delivery.
            Subject = definition.DisplayName,
            ModelJson = JsonSerializer.Serialize(model, ModelJson),
            ProtectedSecret = string.IsNullOrEmpty(secret) ? null : secrets.Protect(secret),
            HadSecret = !string.IsNullOrEmpty(secret),
            CreatedUtc = now,
            NextAttemptUtc = now,
        };

        db.Notifications.Add(notification);
        WakeDispatcherAfterSave();
        return notification;
    }

    public static EmailModel ReadModel(string json) => JsonSerializer.Deserialize<EmailModel>(json, ModelJson) ?? new EmailModel();

    private async Task<EmailModel> BuildModelAsync(Customer customer, string userName, CancellationToken cancellationToken)
    {
        var site = await siteSettings.GetAsync(cancellationToken);
        var baseUrl = await urls.BaseUrlAsync(cancellationToken);
        return new EmailModel
        {
            Customer = new EmailCustomer { FirstName = customer.FirstName, LastName = customer.LastName, Company = customer.Company, Email = customer.Email },
            UserName = userName,
            Site = new EmailSite { Name = site?.SiteName ?? "", BaseUrl = baseUrl },
            SignInUrl = urls.SignInUrl(baseUrl),
        };
    }

    private void WakeDispatcherAfterSave()
    {
        if (!_listening)
        {
            _listening = true;
            db.SavedChanges += (_, _) => signal.Notify();
        }
    }
}
