using System.Text.Json;
using Commerce.Customers.Data;
using Commerce.Customers.Localization;
using Commerce.Customers.Models;
using Commerce.Customers.Services;
using Microsoft.EntityFrameworkCore;

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

    /// <summary>
    /// Enqueues a message to an address the customer no longer has, such as the one a change just
    /// replaced. Its model names the customer by that address, so nothing in it reveals the new one.
    /// </summary>
    /// <param name="secret">The link the template delivers, if it takes one (a way to report the change).</param>
    Task<Notification> EnqueueToFormerAddressAsync(string template, Customer customer, string formerEmail, string userName, string? secret = null, CancellationToken cancellationToken = default);

    /// <summary>Enqueues a membership reminder or expiry notice, which carries no secret.</summary>
    Task<Notification> EnqueueMembershipAsync(string template, Customer customer, string userName, EmailMembership membership, CancellationToken cancellationToken = default);

    /// <summary>
    /// Enqueues a message about a login: to its customer record when it has one (named and written as
    /// for that customer), else to the login itself (staff), named by its email and written in its own
    /// language. <paramref name="recipient"/> sends it elsewhere, such as to the address a change is for.
    /// </summary>
    Task<Notification> EnqueueForLoginAsync(string template, ShopUser login, string? secret, EmailNotice? notice = null, string? recipient = null, CancellationToken cancellationToken = default);
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
        EnqueueAsync(template, Addressee.Of(customer, userName), secret, model => { }, cancellationToken);

    public Task<Notification> EnqueueMembershipAsync(string template, Customer customer, string userName, EmailMembership membership, CancellationToken cancellationToken = default) =>
        EnqueueAsync(template, Addressee.Of(customer, userName), secret: null, model => model.Membership = membership, cancellationToken);

    public Task<Notification> EnqueueToFormerAddressAsync(string template, Customer customer, string formerEmail, string userName, string? secret = null, CancellationToken cancellationToken = default) =>
        EnqueueAsync(template, Addressee.Of(customer, userName) with { Recipient = formerEmail }, secret, model => model.Customer.Email = formerEmail, cancellationToken);

    public async Task<Notification> EnqueueForLoginAsync(string template, ShopUser login, string? secret, EmailNotice? notice = null, string? recipient = null, CancellationToken cancellationToken = default)
    {
        var customer = await db.Customers.FirstOrDefaultAsync(c => c.UserId == login.Id, cancellationToken);
        var addressee = customer is not null
            ? Addressee.Of(customer, login.UserName!)
            : new Addressee(null, new EmailCustomer { Email = login.Email }, login.UserName!, login.Email, login.Email, login.Culture);
        // A message about the login goes to the login's own address unless told otherwise.
        return await EnqueueAsync(template, addressee with { Recipient = recipient ?? login.Email }, secret, model => model.Notice = notice, cancellationToken);
    }

    private async Task<Notification> EnqueueAsync(string template, Addressee to, string? secret, Action<EmailModel> complete, CancellationToken cancellationToken)
    {
        var definition = EmailTemplateDefinitions.Find(template) ?? throw new ArgumentException($"There is no email template '{template}'.", nameof(template));
        if ((definition.Secret == EmailSecretKind.None) != string.IsNullOrEmpty(secret))
        {
            // The message names the template only: the secret itself must never reach an exception.
            throw new ArgumentException($"The template '{template}' {(definition.Secret == EmailSecretKind.None ? "takes no secret" : "needs a secret")}.", nameof(secret));
        }

        if (string.IsNullOrWhiteSpace(to.Recipient))
        {
            throw new InvalidOperationException("The customer has no email address to notify.");
        }

        if (to.CustomerId == 0)
        {
            throw new InvalidOperationException("Save a new customer (inside the same transaction) before notifying them, so the message can name them.");
        }

        var model = await BuildModelAsync(to.Customer, to.UserName, cancellationToken);
        complete(model);
        var now = clock.GetUtcNow().UtcDateTime;
        var notification = new Notification
        {
            MessageId = MessageIds.ForSite(model.Site.BaseUrl),
            CustomerId = to.CustomerId,
            Template = template,
            Culture = SupportedCultures.Match(to.Culture) ?? (await regional.GetAsync(cancellationToken)).Culture,
            RecipientEmail = to.Recipient,
            RecipientName = to.Name,
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

    private async Task<EmailModel> BuildModelAsync(EmailCustomer customer, string userName, CancellationToken cancellationToken)
    {
        var site = await siteSettings.GetAsync(cancellationToken);
        var baseUrl = await urls.BaseUrlAsync(cancellationToken);
        return new EmailModel
        {
            Customer = customer,
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

/// <summary>Whom a message names and where it goes: a customer, or a login without one.</summary>
/// <param name="CustomerId">Null for a login without a customer record.</param>
/// <param name="Name">The recipient's display name in the message's header.</param>
/// <param name="Culture">The language they chose, if any; else the site's.</param>
internal sealed record Addressee(int? CustomerId, EmailCustomer Customer, string UserName, string? Recipient, string? Name, string? Culture)
{
    public static Addressee Of(Customer customer, string userName)
    {
        var named = new EmailCustomer { FirstName = customer.FirstName, LastName = customer.LastName, Company = customer.Company, Email = customer.Email };
        return new(customer.Id, named, userName, customer.Email, named.FullName.Length > 0 ? named.FullName : customer.Company, customer.Culture);
    }
}
