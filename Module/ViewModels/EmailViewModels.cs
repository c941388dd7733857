using Commerce.Customers.Models;
using Commerce.Customers.Notifications;

namespace Commerce.Customers.ViewModels;

/// <summary>A template and the administrators' versions of it, at most one per language.</summary>
public sealed record EmailTemplateListItem(EmailTemplateDefinition Definition, IReadOnlyList<EmailTemplate> Versions)
{
    public EmailTemplate? CustomizedIn(string culture) => Versions.FirstOrDefault(version => version.Culture == culture);
}

public sealed class EmailTemplateEditViewModel
{
    public string Name { get; set; } = "";

    /// <summary>The language of the version being edited; from the address, never the form.</summary>
    [Microsoft.AspNetCore.Mvc.ModelBinding.BindNever]
    public string Culture { get; set; } = Localization.SupportedCultures.English;

    public string DisplayName { get; set; } = "";
    public string Description { get; set; } = "";
    public bool IsCustomized { get; set; }
    public string? Subject { get; set; }
    public string? HtmlBody { get; set; }
    public string? TextBody { get; set; }

    /// <summary>"save" or "preview", from the button pressed.</summary>
    public string? Submit { get; set; }

    public RenderedEmail? Preview { get; set; }

    /// <summary>Whether the signed-in user may change this template; never taken from the form.</summary>
    [Microsoft.AspNetCore.Mvc.ModelBinding.BindNever]
    public bool CanChange { get; set; } = true;
}

public sealed class EmailSettingsViewModel
{
    public string Transport { get; set; } = "";
    public string From { get; set; } = "";
    public string? TestRecipient { get; set; }
    public DispatcherOptions Dispatcher { get; set; } = new();

    /// <summary>The address links in emails use; null while it is not known yet.</summary>
    public KnownSiteAddress? LinksTo { get; set; }

    /// <summary>The kept address, as the form edits it.</summary>
    public string? SiteAddress { get; set; }

    /// <summary>Whether the signed-in user holds ManageSecretTemplates, which changing the address needs.</summary>
    public bool CanChangeSiteAddress { get; set; }
}

public sealed class NotificationListViewModel
{
    public NotificationStatus? Status { get; set; }
    public required NotificationPage Page { get; init; }
    public required Func<Notification, string?> WhyNotResendable { get; init; }
    public bool CanResend { get; init; }
}

public sealed class CustomerNotificationsViewModel
{
    public int CustomerId { get; set; }
    public IReadOnlyList<Notification> Items { get; set; } = [];
    public Func<Notification, string?> WhyNotResendable { get; set; } = _ => null;
    public bool CanResend { get; set; }
}

/// <summary>The notifications table shared by the queue page and the customer's tab.</summary>
public sealed record NotificationTableModel(IReadOnlyList<Notification> Items, Func<Notification, string?> WhyNotResendable, bool CanResend, string ReturnUrl);
