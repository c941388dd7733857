using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Commerce.Customers.Notifications;

internal static class NotificationsRegistration
{
    /// <summary>Templates, the outbox and its dispatcher, and the configured transport.</summary>
    public static IServiceCollection AddAccountEmails(this IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        services.AddSingleton(provider => new EmailRenderer(provider.GetRequiredService<IOptions<EmailOptions>>().Value.Rendering));
        services.AddScoped<EmailTemplateChecker>();
        services.AddScoped<SiteUrls>();
        services.AddScoped<SiteAddressRecorder>();
        services.AddSingleton<NotificationSecrets>();
        services.AddSingleton<NotificationSignal>();
        services.AddSingleton<EmailMessageFactory>();
        services.AddSingleton<SmtpEmailTransport>();
        services.AddSingleton<PickupFolderEmailTransport>();
        services.AddSingleton<IEmailTransport>(provider => provider.GetRequiredService<IOptions<EmailOptions>>().Value.Delivery switch
        {
            EmailDelivery.Smtp => provider.GetRequiredService<SmtpEmailTransport>(),
            _ => provider.GetRequiredService<PickupFolderEmailTransport>(),
        });
        services.AddScoped<EmailTemplateStore>();
        services.AddScoped<ICustomerNotifications, CustomerNotifications>();
        services.AddScoped<NotificationQueue>();
        services.AddScoped<NotificationHistory>();
        services.AddHostedService<NotificationDispatcher>();
        return services;
    }
}
