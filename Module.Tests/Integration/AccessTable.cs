using System.Net;
using Commerce.Customers.Tests.Infrastructure;
using static Commerce.Customers.Tests.Integration.Outcome;

namespace Commerce.Customers.Tests.Integration;

/// <summary>What a request gets, as far as access is concerned.</summary>
public enum Outcome
{
    /// <summary>200: the page, or the form shown again with its messages.</summary>
    Ok,

    /// <summary>A redirect of the action's own (after a save, or to another page); never to sign-in or access denied.</summary>
    Redirect,

    /// <summary>Sent to the admin's sign-in page, /admin/login.</summary>
    SignIn,

    /// <summary>Sent to the customers' sign-in page, /account/login.</summary>
    CustomerSignIn,

    /// <summary>Sent to /admin/access-denied, or answered 403.</summary>
    Denied,

    NotFound,

    /// <summary>400: the request was not accepted (a missing antiforgery token).</summary>
    BadRequest,
}

/// <summary>
/// One route against the four kinds of people. <see cref="Url"/> may hold placeholders such as
/// {customer}; <see cref="Needs"/> is the permission the route checks, which decides the staff
/// member asked: one holding every other permission.
/// </summary>
public sealed record AccessRow(
    string Method, string Template, string Url, Permission? Needs,
    Outcome Anonymous, Outcome Customer, Outcome Staff, Outcome Administrator,
    string? Form = null, bool SignsOut = false)
{
    public string Route => $"{Method} {Template}";

    public Outcome Expected(Person person) => person switch
    {
        Person.Anonymous => Anonymous,
        Person.Customer => Customer,
        Person.Staff => Staff,
        _ => Administrator,
    };

    public static bool IsRefusal(Outcome outcome) => outcome is SignIn or CustomerSignIn or Denied or NotFound or BadRequest;

    public static Outcome Of(HttpResponseMessage response)
    {
        switch (response.StatusCode)
        {
            case HttpStatusCode.OK:
                return Ok;
            case HttpStatusCode.NotFound:
                return NotFound;
            case HttpStatusCode.BadRequest:
                return BadRequest;
            case HttpStatusCode.Forbidden:
                return Denied;
            case HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther:
                var path = Html.RedirectPath(response);
                return path switch
                {
                    "/admin/login" => SignIn,
                    "/account/login" => CustomerSignIn,
                    "/admin/access-denied" => Denied,
                    _ => Redirect,
                };
            default:
                throw new InvalidOperationException($"Unexpected status {(int)response.StatusCode}.");
        }
    }
}

/// <summary>Every route of the site, and what each kind of person gets from it.</summary>
public static class AccessTable
{
    private static readonly Permission ViewCustomers = Permissions.ViewCustomers;
    private static readonly Permission ManageCustomers = Permissions.ManageCustomers;
    private static readonly Permission ManageLogins = Permissions.ManageCustomerLogins;
    private static readonly Permission ManageCredit = Permissions.ManageCustomerCredit;
    private static readonly Permission ManageSettings = Permissions.ManageCustomerSettings;
    private static readonly Permission ManageSecrets = Permissions.ManageSecretTemplates;

    /// <summary>Any method: the error pages are re-executed for whatever request failed, POSTs included.</summary>
    public const string AnyMethod = "*";

    public static IReadOnlyList<AccessRow> Rows { get; } =
    [
        //  method  route template                              address asked                                  needs            anonymous       customer   staff      administrator
        new("GET",  "",                                         "/",                                           null,            Redirect,       Redirect,  Redirect,  Redirect),
        new("GET",  "health",                                   "/health",                                     null,            Ok,             Ok,        Ok,        Ok),
        new(AnyMethod, "error/{code:int}",                      "/error/404",                                  null,            NotFound,       NotFound,  NotFound,  NotFound),
        new("GET",  "setup",                                    "/setup",                                      null,            NotFound,       NotFound,  NotFound,  NotFound),
        new("GET",  "password-tips",                            "/password-tips",                              null,            Ok,             Ok,        Ok,        Ok),

        // The admin area: anonymous visitors sign in, people without the permission are denied.
        new("GET",  "admin",                                    "/admin",                                      null,            SignIn,         Redirect,  Redirect,  Redirect),
        new("GET",  "admin/login",                              "/admin/login",                                null,            Ok,             Ok,        Ok,        Ok),
        new("GET",  "admin/access-denied",                      "/admin/access-denied",                        null,            Denied,         Denied,    Denied,    Denied),
        new("GET",  "admin/customers",                          "/admin/customers?q=a&sort=email",             ViewCustomers,   SignIn,         Denied,    Denied,    Ok),
        new("GET",  "admin/customers/export",                   "/admin/customers/export",                     ViewCustomers,   SignIn,         Denied,    Denied,    Ok),
        new("GET",  "admin/customers/create",                   "/admin/customers/create",                     ManageCustomers, SignIn,         Denied,    Denied,    Ok),
        new("GET",  "admin/customers/{id:int}/{tab?}",          "/admin/customers/{customer}",                 ViewCustomers,   SignIn,         Denied,    Denied,    Ok),
        new("GET",  "admin/customers/{id:int}/{tab?}",          "/admin/customers/{customer}/general",         ViewCustomers,   SignIn,         Denied,    Denied,    Ok),
        new("GET",  "admin/customers/{id:int}/{tab?}",          "/admin/customers/{customer}/addresses",       ViewCustomers,   SignIn,         Denied,    Denied,    Ok),
        new("GET",  "admin/customers/{id:int}/{tab?}",          "/admin/customers/{customer}/orders",          ViewCustomers,   SignIn,         Denied,    Denied,    Ok),
        new("GET",  "admin/customers/{id:int}/{tab?}",          "/admin/customers/{registered}/credit",        ViewCustomers,   SignIn,         Denied,    Denied,    Ok),
        new("GET",  "admin/customers/{id:int}/{tab?}",          "/admin/customers/{registered}/notifications", ViewCustomers,   SignIn,         Denied,    Denied,    Ok),
        // A tab the admin may not see does not exist for them: staff who may view customers get 404.
        new("GET",  "admin/customers/{id:int}/{tab?}",          "/admin/customers/{registered}/login-details", ManageLogins,    SignIn,         Denied,    NotFound,  Ok),
        new("GET",  "admin/customers/{id:int}/{tab?}",          "/admin/customers/{registered}/roles",         ManageLogins,    SignIn,         Denied,    NotFound,  Ok),
        new("GET",  "admin/customers/{id:int}/{tab?}",          "/admin/customers/{registered}/membership",    ManageLogins,    SignIn,         Denied,    NotFound,  Ok),
        new("GET",  "admin/customers/{id:int}/delete",          "/admin/customers/{victim}/delete",            ManageCustomers, SignIn,         Denied,    Denied,    Ok),
        new("GET",  "admin/customers/import",                   "/admin/customers/import",                     ManageCustomers, SignIn,         Denied,    Denied,    Ok),
        new("GET",  "admin/customers/jobs",                     "/admin/customers/jobs",                       ViewCustomers,   SignIn,         Denied,    Denied,    Ok),
        new("GET",  "admin/customers/jobs/{id:long}",           "/admin/customers/jobs/{job}",                 ViewCustomers,   SignIn,         Denied,    Denied,    Ok),
        new("GET",  "admin/customers/jobs/{id:long}/progress",  "/admin/customers/jobs/{job}/progress",        ViewCustomers,   SignIn,         Denied,    Denied,    Ok),
        new("GET",  "admin/notifications",                      "/admin/notifications?status=Sent",            ViewCustomers,   SignIn,         Denied,    Denied,    Ok),
        new("GET",  "admin/email-templates",                    "/admin/email-templates",                      ManageSettings,  SignIn,         Denied,    Denied,    Ok),
        new("GET",  "admin/email-templates/{name}",             "/admin/email-templates/LoginCreated",         ManageSettings,  SignIn,         Denied,    Denied,    Ok),
        new("GET",  "admin/email-templates/{name}",             "/admin/email-templates/PasswordChangedNotice", ManageSettings, SignIn,         Denied,    Denied,    Ok),
        new("GET",  "admin/email-settings",                     "/admin/email-settings",                       ManageSettings,  SignIn,         Denied,    Denied,    Ok),
        new("GET",  "admin/settings/customer-accounts",         "/admin/settings/customer-accounts",           ManageSettings,  SignIn,         Denied,    Denied,    Ok),
        new("GET",  "admin/settings/regional",                  "/admin/settings/regional",                    ManageSettings,  SignIn,         Denied,    Denied,    Ok),
        new("GET",  "admin/orders/new",                         "/admin/orders/new?customerId={customer}",     ManageCustomers, SignIn,         Denied,    Denied,    Ok),

        // Customers' pages: signing in happens at /account/login.
        new("GET",  "account",                                  "/account",                                    null,            CustomerSignIn, Ok,        Ok,        Ok),
        new("GET",  "account/orders/{orderId}",                 "/account/orders/no-such-order",               null,            CustomerSignIn, NotFound,  NotFound,  NotFound),
        new("GET",  "account/login",                            "/account/login",                              null,            Ok,             Ok,        Ok,        Ok),
        new("GET",  "account/register",                         "/account/register",                           null,            Ok,             Ok,        Ok,        Ok),
        new("GET",  "account/forgot-password",                  "/account/forgot-password",                    null,            Ok,             Ok,        Ok,        Ok),
        new("GET",  "account/set-password",                     "/account/set-password",                       null,            Ok,             Ok,        Ok,        Ok),
        new("GET",  "account/confirm-email",                    "/account/confirm-email",                      null,            Ok,             Ok,        Ok,        Ok),
        new("GET",  "account/confirm-email/pending",            "/account/confirm-email/pending",              null,            Ok,             Ok,        Ok,        Ok),
        // My account's addresses: staff see, as on /account, that theirs is not a customer account;
        // an address of someone else's does not exist for anyone.
        new("GET",  "account/addresses/new",                    "/account/addresses/new",                      null,            CustomerSignIn, Ok,        Ok,        Ok),
        new("GET",  "account/addresses/{id:int}",               "/account/addresses/{victim-address}",         null,            CustomerSignIn, NotFound,  NotFound,  NotFound),
        new("GET",  "account/change-password",                  "/account/change-password",                    null,            CustomerSignIn, Ok,        Ok,        Ok),
        new("GET",  "account/preferences",                      "/account/preferences",                        null,            CustomerSignIn, Ok,        Ok,        Ok),
        new("GET",  "account/security",                         "/account/security",                           null,            CustomerSignIn, Ok,        Ok,        Ok),
        new("GET",  "account/security/authenticator",           "/account/security/authenticator",             null,            CustomerSignIn, Ok,        Ok,        Ok),
        // The second step of a sign-in needs the first: without Identity's two-factor cookie, it starts again.
        new("GET",  "account/two-factor",                       "/account/two-factor",                         null,            CustomerSignIn, CustomerSignIn, CustomerSignIn, CustomerSignIn),
        // Email change: staff see, as on /account, that theirs is not a customer account; the report link's page is for whoever holds the old mailbox.
        new("GET",  "account/email",                            "/account/email",                              null,            CustomerSignIn, Ok,        Ok,        Ok),
        new("GET",  "account/email/confirm",                    "/account/email/confirm",                      null,            CustomerSignIn, Ok,        Ok,        Ok),
        new("GET",  "account/email/report",                     "/account/email/report",                       null,            Ok,             Ok,        Ok,        Ok),
        // Members only: a login linked to a customer. Staff and the administrator have none.
        new("GET",  "members",                                  "/members",                                    null,            CustomerSignIn, Ok,        Denied,    Denied),

        // The demo shop is open to everyone.
        new("GET",  "shop",                                     "/shop",                                       null,            Ok,             Ok,        Ok,        Ok),
        new("GET",  "shop/cart",                                "/shop/cart",                                  null,            Ok,             Ok,        Ok,        Ok),
        new("GET",  "shop/checkout",                            "/shop/checkout",                              null,            Redirect,       Redirect,  Redirect,  Redirect),
        new("GET",  "shop/orders/{number}",                     "/shop/orders/ORD-0",                          null,            Ok,             Ok,        Ok,        Ok),

        // Posts, with a valid antiforgery token. Each carries the attack form below (plus its own
        // fields): where it is refused, the database must not change at all.
        new("POST", "setup",                                    "/setup",                                      null,            NotFound,       NotFound,  NotFound,  NotFound),
        new("POST", "admin/login",                              "/admin/login",                                null,            Ok,             Ok,        Ok,        Ok),
        new("POST", "account/login",                            "/account/login",                              null,            Ok,             Ok,        Ok,        Ok),
        new("POST", "account/register",                         "/account/register",                           null,            Ok,             Ok,        Ok,        Ok),
        new("POST", "account/forgot-password",                  "/account/forgot-password",                    null,            Ok,             Ok,        Ok,        Ok),
        new("POST", "account/set-password",                     "/account/set-password",                       null,            Ok,             Ok,        Ok,        Ok),
        // Without a valid link and the account's password, confirming says the link expired; a resend answers alike for every address.
        new("POST", "account/confirm-email",                    "/account/confirm-email",                      null,            Ok,             Ok,        Ok,        Ok),
        new("POST", "account/confirm-email/resend",             "/account/confirm-email/resend",               null,            Ok,             Ok,        Ok,        Ok),
        new("POST", "account/change-password",                  "/account/change-password",                    null,            CustomerSignIn, Ok,        Ok,        Ok),
        new("POST", "account/preferences",                      "/account/preferences",                        null,            CustomerSignIn, Redirect,  Redirect,  Redirect),
        new("POST", "account/security/sign-out-everywhere",     "/account/security/sign-out-everywhere",       null,            CustomerSignIn, Redirect,  Redirect,  Redirect),
        new("POST", "account/security/authenticator",           "/account/security/authenticator",             null,            CustomerSignIn, Ok,        Ok,        Ok),
        new("POST", "account/security/recovery-codes",          "/account/security/recovery-codes",            null,            CustomerSignIn, Redirect,  Redirect,  Redirect),
        new("POST", "account/security/authenticator/disable",   "/account/security/authenticator/disable",     null,            CustomerSignIn, Redirect,  Redirect,  Redirect),
        new("POST", "account/two-factor",                       "/account/two-factor",                         null,            CustomerSignIn, CustomerSignIn, CustomerSignIn, CustomerSignIn),
        new("POST", "account/security/passkeys/options",        "/account/security/passkeys/options",          null,            CustomerSignIn, Ok,        Ok,        Ok),
        new("POST", "account/security/passkeys",                "/account/security/passkeys",                  null,            CustomerSignIn, Redirect,  Redirect,  Redirect),
        new("POST", "account/security/passkeys/rename",         "/account/security/passkeys/rename",           null,            CustomerSignIn, Redirect,  Redirect,  Redirect),
        new("POST", "account/security/passkeys/remove",         "/account/security/passkeys/remove",           null,            CustomerSignIn, Redirect,  Redirect,  Redirect),
        // Anyone may ask to sign in with a passkey; the options name no login.
        new("POST", "account/passkey/options",                  "/account/passkey/options",                    null,            Ok,             Ok,        Ok,        Ok),
        new("POST", "account/passkey",                          "/account/passkey",                            null,            CustomerSignIn, CustomerSignIn, CustomerSignIn, CustomerSignIn),
        new("POST", "account/two-factor/recovery",              "/account/two-factor/recovery",                null,            CustomerSignIn, CustomerSignIn, CustomerSignIn, CustomerSignIn),
        // Without the password, a valid link and a customer record nothing changes: the form again, or nothing found for staff.
        new("POST", "account/email",                            "/account/email",                              null,            CustomerSignIn, Ok,        NotFound,  NotFound),
        new("POST", "account/email/confirm",                    "/account/email/confirm",                      null,            CustomerSignIn, Ok,        NotFound,  NotFound),
        new("POST", "account/email/report",                     "/account/email/report",                       null,            Ok,             Ok,        Ok,        Ok),
        new("POST", "language",                                 "/language",                                   null,            BadRequest,     BadRequest, BadRequest, BadRequest),
        // Only a customer has a profile; anyone else signed in finds none.
        new("POST", "account/profile",                          "/account/profile",                            null,            CustomerSignIn, Redirect,  NotFound,  NotFound),
        // A new address from the attack form lacks its fields, so the form is shown again; another's address is not found.
        new("POST", "account/addresses",                        "/account/addresses",                          null,            CustomerSignIn, Ok,        NotFound,  NotFound),
        new("POST", "account/addresses/{id:int}",               "/account/addresses/{victim-address}",         null,            CustomerSignIn, NotFound,  NotFound,  NotFound, "Name=Hacked&Line1=Hacked&City=Hacked&PostalCode=1&Country=US&IsDefaultShipping=true"),
        new("POST", "account/addresses/{id:int}/delete",        "/account/addresses/{victim-address}/delete",  null,            CustomerSignIn, NotFound,  NotFound,  NotFound),
        new("POST", "account/addresses/{id:int}/default",       "/account/addresses/{victim-address}/default", null,            CustomerSignIn, NotFound,  NotFound,  NotFound),
        new("POST", "shop/cart/add",                            "/shop/cart/add",                              null,            Redirect,       Redirect,  Redirect,  Redirect, "productId={product}&quantity=1"),
        new("POST", "shop/cart/remove",                         "/shop/cart/remove",                           null,            Redirect,       Redirect,  Redirect,  Redirect, "productId={product}"),
        new("POST", "shop/checkout",                            "/shop/checkout",                              null,            Redirect,       Redirect,  Redirect,  Redirect),
        new("POST", "admin/customers/create",                   "/admin/customers/create",                     ManageCustomers, SignIn,         Denied,    Denied,    Redirect),
        new("POST", "admin/customers/{id:int}/{tab?}",          "/admin/customers/{customer}/general",         ManageCustomers, SignIn,         Denied,    Denied,    Redirect),
        new("POST", "admin/customers/{id:int}/{tab?}",          "/admin/customers/{customer}/addresses",       ManageCustomers, SignIn,         Denied,    Denied,    Ok),
        new("POST", "admin/customers/{id:int}/{tab?}",          "/admin/customers/{registered}/credit",        ManageCredit,    SignIn,         Denied,    Denied,    Ok),
        // Tabs without a form: nothing to post to, even for the administrator.
        new("POST", "admin/customers/{id:int}/{tab?}",          "/admin/customers/{customer}/orders",          ManageCustomers, SignIn,         Denied,    Denied,    NotFound),
        new("POST", "admin/customers/{id:int}/{tab?}",          "/admin/customers/{registered}/notifications", ManageCustomers, SignIn,         Denied,    Denied,    NotFound),
        new("POST", "admin/customers/{id:int}/{tab?}",          "/admin/customers/{registered}/login-details", ManageLogins,    SignIn,         Denied,    NotFound,  Ok,       "Action=generate-nothing"),
        new("POST", "admin/customers/{id:int}/{tab?}",          "/admin/customers/{registered}/roles",         ManageLogins,    SignIn,         Denied,    NotFound,  Redirect, "Roles=Staff"),
        new("POST", "admin/customers/{id:int}/{tab?}",          "/admin/customers/{registered}/membership",    ManageLogins,    SignIn,         Denied,    NotFound,  Ok,       "Role=No such role"),
        new("POST", "admin/customers/{id:int}/delete",          "/admin/customers/{victim}/delete",            ManageCustomers, SignIn,         Denied,    Denied,    Redirect),
        new("POST", "admin/customers/import",                   "/admin/customers/import",                     ManageCustomers, SignIn,         Denied,    Denied,    Ok),
        new("POST", "admin/notifications/{id:guid}/resend",     "/admin/notifications/{notification}/resend",  ManageLogins,    SignIn,         Denied,    Denied,    Redirect),
        // A template that carries a password or a link, and the site address, also need ManageSecretTemplates:
        // the staff member asked holds ManageCustomerSettings and every other permission but that one.
        new("POST", "admin/email-templates/{name}",             "/admin/email-templates/LoginCreated",         ManageSecrets,   SignIn,         Denied,    Denied,    Redirect),
        new("POST", "admin/email-templates/{name}/reset",       "/admin/email-templates/LoginCreated/reset",   ManageSecrets,   SignIn,         Denied,    Denied,    Redirect),
        new("POST", "admin/email-templates/{name}",             "/admin/email-templates/PasswordChangedNotice", ManageSettings, SignIn,         Denied,    Denied,    Redirect),
        new("POST", "admin/email-templates/{name}/reset",       "/admin/email-templates/PasswordChangedNotice/reset", ManageSettings, SignIn,   Denied,    Denied,    Redirect),
        new("POST", "admin/email-settings/test",                "/admin/email-settings/test",                  ManageSettings,  SignIn,         Denied,    Denied,    Redirect),
        new("POST", "admin/email-settings/site-address",        "/admin/email-settings/site-address",          ManageSecrets,   SignIn,         Denied,    Denied,    Redirect, "SiteAddress=http%3A%2F%2Flocalhost"),
        // Posted as the demo recipe sets it, so staff signing in later are not held for a second factor.
        new("POST", "admin/settings/customer-accounts",         "/admin/settings/customer-accounts",           ManageSettings,  SignIn,         Denied,    Denied,    Redirect, "RequireStaffSecondFactor=false"),
        new("POST", "admin/settings/regional",                  "/admin/settings/regional",                    ManageSettings,  SignIn,         Denied,    Denied,    Redirect),
        new("POST", "admin/orders/new",                         "/admin/orders/new?customerId={customer}",     ManageCustomers, SignIn,         Denied,    Denied,    Ok),
        new("POST", "admin/customers/bulk",                     "/admin/customers/bulk",                       ViewCustomers,   SignIn,         Denied,    Denied,    Ok,       "Action=export&Scope=selected&Ids={customer}"),
        // Last: these start background work for the administrator.
        new("POST", "admin/customers/bulk/start",               "/admin/customers/bulk/start",                 ManageCustomers, SignIn,         Denied,    Denied,    Redirect, "Action=delete&Scope=selected&Ids={bulk-victim}"),
        new("POST", "admin/customers/jobs/{id:long}/confirm",   "/admin/customers/jobs/{job}/confirm",         ManageCustomers, SignIn,         Denied,    Denied,    Redirect),
        new("POST", "admin/customers/jobs/{id:long}/cancel",    "/admin/customers/jobs/{job}/cancel",          ManageCustomers, SignIn,         Denied,    Denied,    Redirect),
        // Signing out ends on a sign-in page.
        new("POST", "admin/logout",                             "/admin/logout",                               null,            SignIn,         SignIn,    SignIn,    SignIn,   SignsOut: true),
        new("POST", "account/logout",                           "/account/logout",                             null,            Redirect,       Redirect,  Redirect,  Redirect, SignsOut: true),
    ];

    /// <summary>
    /// What every post carries: the fields of every admin form, set to what an attacker would want.
    /// Settings keep registration and password reset on, so the administrator's own save changes
    /// nothing that later rows depend on.
    /// </summary>
    public const string AttackForm =
        "Company=Hacked&LastName=Hacked&FirstName=Hacked&Email=hacked%40example.com&DeleteLogin=true&" +
        "Subject=Hacked&HtmlBody=Hacked&TextBody=Hacked&TestRecipient=hacked%40example.com&" +
        "EnableRegistration=true&AllowPasswordReset=true&MinimumPasswordStrength=Average&NotificationMode=EmailPassword&MembershipReminderDays=7";
}
