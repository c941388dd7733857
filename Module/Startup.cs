using Commerce.Customers.Accounts;
using Commerce.Customers.Bulk;
using Commerce.Customers.Checkout;
using Commerce.Customers.Controllers;
using Commerce.Customers.Credit;
using Commerce.Customers.Data;
using Commerce.Customers.Drivers;
using Commerce.Customers.Localization;
using Commerce.Customers.Memberships;
using Commerce.Customers.Models;
using Commerce.Customers.Notifications;
using Commerce.Customers.Orders;
using Commerce.Customers.Recipes;
using Commerce.Customers.Security;
using Commerce.Customers.Services;
using Commerce.Customers.Setup;
using Commerce.Customers.Tools;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Commerce.Customers;

/// <summary>The module's composition: what a host calls to add, wire and start Commerce.Customers.</summary>
public static class Startup
{
    public const string ConfigurationSection = "CommerceCustomers";

    public static IHostApplicationBuilder AddCommerceCustomers(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        var configuration = builder.Configuration.GetSection(ConfigurationSection);

        services.Configure<DatabaseOptions>(configuration.GetSection("Database"));
        services.Configure<RecipeOptions>(configuration.GetSection("Recipes"));
        services.Configure<PasswordGeneratorOptions>(configuration.GetSection("PasswordGenerator"));
        services.Configure<EmailOptions>(builder.Configuration.GetSection(EmailOptions.SectionName));
        services.Configure<UnattendedSetupOptions>(builder.Configuration.GetSection(UnattendedSetupOptions.SectionName));
        services.TryAddSingleton(TimeProvider.System);
        services.AddCommerceLocalization();

        services.AddCustomersDatabase();
        services.AddDataProtection()
            .SetApplicationName(Manifest.ModuleName)
            .PersistKeysToDbContext<CustomersDbContext>()
            .ProtectKeyRingAtRest(configuration, builder.Environment);

        services.AddIdentity<ShopUser, IdentityRole>(options =>
            {
                options.User.RequireUniqueEmail = true;
                // Strength is judged by zxcvbn (MinimumStrengthPasswordValidator), not by character classes,
                // which push people to "P@ssw0rd1". Sites may turn the class rules back on in configuration.
                options.Password.RequiredLength = 8;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(5);
                // Asks ProvenMailboxConfirmation, which applies the Require email confirmation setting.
                options.SignIn.RequireConfirmedAccount = true;
                // Version 3 adds Identity's passkeys table.
                options.Stores.SchemaVersion = IdentitySchemaVersions.Version3;
                configuration.GetSection("Identity").Bind(options);
            })
            .AddEntityFrameworkStores<CustomersDbContext>()
            .AddUserStore<ProtectedTokenUserStore>()
            .AddDefaultTokenProviders()
            .AddTokenProvider<AuthenticatorCodes>(TokenOptions.DefaultAuthenticatorProvider)
            .AddTokenProvider<SetPasswordLinkTokenProvider>(SetPasswordLinkTokenProvider.ProviderName)
            .AddErrorDescriber<LocalizedIdentityErrorDescriber>()
            .AddSignInManager<ShopSignInManager>()
            .AddPasswordValidator<MinimumStrengthPasswordValidator>()
            .AddClaimsPrincipalFactory<ShopUserClaimsPrincipalFactory>();
        services.Configure<IdentityOptions>(options => options.Tokens.PasswordResetTokenProvider = SetPasswordLinkTokenProvider.ProviderName);
        // A passkey signs in on its own, so it must be one the device unlocks (fingerprint, face or PIN),
        // and discoverable, so that sign-in needs no email typed first.
        services.Configure<IdentityPasskeyOptions>(options =>
        {
            options.UserVerificationRequirement = "required";
            options.ResidentKeyRequirement = "required";
        });
        services.Configure<SetPasswordLinkTokenProviderOptions>(options =>
            options.TokenLifespan = configuration.GetValue("Accounts:SetPasswordLinkLifetime", TimeSpan.FromDays(3)));
        // Sign-out and a changed password renew the security stamp, and roles change in the database:
        // SessionValidator checks the cookie against both on every request, so a copied cookie or a
        // removed role stops working at once.
        services.Configure<SecurityStampValidatorOptions>(options =>
            options.ValidationInterval = configuration.GetValue("Accounts:SessionRevalidationInterval", TimeSpan.Zero));

        services.ConfigureApplicationCookie(options =>
        {
            options.LoginPath = "/admin/login";
            options.LogoutPath = "/admin/logout";
            options.AccessDeniedPath = "/admin/access-denied";
            options.Cookie.Name = "commerce.auth";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.SlidingExpiration = true;
            options.Events.OnValidatePrincipal = SessionValidator.ValidatePrincipalAsync;
            // Admin pages sign in at /admin/login, everything else at the customers' /account/login.
            options.Events.OnRedirectToLogin = context =>
            {
                var loginPath = context.Request.Path.StartsWithSegments("/admin") ? "/admin/login" : "/account/login";
                var returnUrl = context.Request.PathBase + context.Request.Path + context.Request.QueryString;
                context.Response.Redirect($"{loginPath}?ReturnUrl={Uri.EscapeDataString(returnUrl)}");
                return Task.CompletedTask;
            };
        });
        // TempData (the success messages) rides in a cookie, which is not Secure by default even over HTTPS.
        services.Configure<CookieTempDataProviderOptions>(options => options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);
        services.AddAntiforgery(options =>
        {
            options.Cookie.Name = "commerce.antiforgery";
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });

        services.AddAuthorization(options =>
        {
            foreach (var permission in Permissions.All)
            {
                options.AddPolicy(permission.Name, policy => policy.RequireAuthenticatedUser().AddRequirements(new PermissionRequirement(permission)));
            }

            options.AddPolicy(RegisteredCustomerRequirement.PolicyName, policy => policy.RequireAuthenticatedUser().AddRequirements(new RegisteredCustomerRequirement()));
        });
        services.AddScoped<IAuthorizationHandler, PermissionHandler>();
        services.AddScoped<RolePermissions>();
        services.AddScoped<RoleGrantPolicy>();
        services.AddScoped<StaffBoundary>();

        services.AddControllersWithViews(options =>
            {
                options.Filters.Add(new AutoValidateAntiforgeryTokenAttribute());
                options.ModelBinderProviders.Insert(0, new CheckboxModelBinderProvider());
            })
            .AddApplicationPart(typeof(Startup).Assembly);

        services.AddSingleton<SetupState>();
        services.AddScoped<SiteSetupService>();
        services.AddScoped<SiteSettingsStore>();
        services.AddSingleton<SiteSettingsCache>();
        services.AddScoped<CustomerValidator>();
        services.AddScoped<CustomerListQuery>();
        services.AddScoped<CustomerCsvExport>();
        services.AddScoped<CustomerGeneration>();
        services.AddSingleton<PasswordGenerator>();
        services.AddSingleton<PasswordStrengthEstimator>();
        services.AddScoped<PasswordStrengthTexts>();
        services.AddHostedService<PasswordStrengthWarmUp>();
        services.AddScoped<CustomerAccountSettingsStore>();
        services.AddScoped<CustomerLoginService>();
        services.AddScoped<LoginAccessService>();
        services.AddScoped<SecurityNotices>();
        services.AddScoped<LoginEmailChange>();
        services.AddScoped<CustomerEmailChange>();
        services.AddScoped<EmailChangeReportTokenProvider>();
        services.Configure<IdentityOptions>(EmailChangeReportTokenProvider.Register);
        services.AddScoped<SignInHistory>();
        services.AddScoped<OwnerProof>();
        services.AddScoped<AuthenticatorService>();
        services.AddScoped<PasskeyService>();
        services.AddScoped<CustomerPasswordService>();
        services.AddScoped<CustomerRegistrationService>();
        services.AddScoped<MailboxConfirmation>();
        services.AddScoped<EmailConfirmationService>();
        services.AddScoped<CustomerRecordMerge>();
        services.AddScoped<IUserConfirmation<ShopUser>, ProvenMailboxConfirmation>();
        services.AddScoped<PasswordResetService>();
        services.AddSingleton<ResetRequestLimiter>();
        services.TryAddScoped<ICustomerOrders, NoCustomerOrders>();
        services.AddScoped<ICustomerCheckout, CustomerCheckout>();
        services.AddScoped<ICustomerCredit, CustomerCredit>();
        services.AddScoped<AddressValidator>();
        services.AddScoped<AddressBook>();
        services.AddScoped<IAuthorizationHandler, RegisteredCustomerHandler>();
        services.AddAccountRateLimits(configuration);
        services.Configure<SignInThrottleOptions>(options =>
            options.Window = configuration.GetValue("Accounts:SignInThrottleWindow", options.Window));
        services.AddSingleton<SignInThrottle>();
        services.AddScoped<UnknownAccountPassword>();
        services.AddSingleton<UnknownAccountPassword.FixedHash>();
        services.AddScoped<PasswordAttempts>();
        services.AddScoped<MinimumStrengthPasswordValidator>();
        services.AddSingleton<RecipeCatalog>();
        services.AddScoped<RecipeExecutor>();
        services.AddImplementationsOf<IRecipeStepHandler>(ServiceLifetime.Scoped);
        services.AddAccountEmails();
        services.AddExceptionHandler<DatabaseOutageHandler>();
        services.AddScoped<MembershipService>();
        services.AddScoped<SiteCalendarStore>();
        services.AddScoped<MembershipLifecycle>();
        services.AddHostedService<MembershipJob>();
        services.AddSingleton<BulkJobSignal>();
        services.AddScoped<BulkJobService>();
        services.AddScoped<CustomerImportChecker>();
        services.AddSingleton<ParsedImportCache>();
        services.AddImplementationsOf<IBulkJobHandler>(ServiceLifetime.Scoped);
        services.AddHostedService<BulkJobRunner>();
        services.AddImplementationsOf<CustomerDisplayDriver>(ServiceLifetime.Scoped);

        return builder;
    }

    /// <summary>Adds the module's middleware: security headers, the set-up redirect, authentication (and no-store for signed-in answers), rate limits and authorization.</summary>
    public static WebApplication UseCommerceCustomers(this WebApplication app)
    {
        app.UseMiddleware<SecurityHeadersMiddleware>();
        app.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandlingPath = "/error/500",
            // A save that lost a race for the same row is answered 409 and asked to retry (see
            // ErrorController): the site worked as designed, so it is no error line in the log.
            SuppressDiagnosticsCallback = context => ExceptionChain.Contains(context.Exception, current => current is DbUpdateConcurrencyException),
        });
        app.UseStatusCodePagesWithReExecute("/error/{0}");
        app.UseModuleAssets();
        app.UseMiddleware<SetupRedirectMiddleware>();
        app.UseAuthentication();
        app.UseMiddleware<SignedInNoStoreMiddleware>();
        app.UseCommerceLocalization();
        app.UseMiddleware<UnfinishedSignInMiddleware>();
        app.UseRateLimiter();
        app.UseAuthorization();
        return app;
    }

    public static IEndpointRouteBuilder MapCommerceCustomers(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapControllers();
        return endpoints;
    }

    /// <summary>
    /// Migrates the database, then runs unattended set-up if it was asked for. Call it before the
    /// site starts serving, so the first request never meets an old schema.
    /// </summary>
    public static async Task InitializeCommerceCustomersAsync(this WebApplication app, CancellationToken cancellationToken = default)
    {
        await DatabaseInitializer.MigrateAsync(app.Services, cancellationToken);
        await UnattendedSetup.RunIfRequestedAsync(app.Services, cancellationToken);
    }

    // Adding a tab or a recipe step means adding one class: it is found here, nothing else changes.
    private static void AddImplementationsOf<TService>(this IServiceCollection services, ServiceLifetime lifetime)
    {
        var implementations = typeof(Startup).Assembly.GetTypes()
            .Where(type => type is { IsClass: true, IsAbstract: false } && typeof(TService).IsAssignableFrom(type));
        foreach (var implementation in implementations)
        {
            services.Add(new ServiceDescriptor(typeof(TService), implementation, lifetime));
        }
    }
}
