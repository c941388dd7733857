using System.Text.Json;
using Commerce.Customers.Accounts;
using Commerce.Customers.Data;
using Commerce.Customers.Models;
using Commerce.Customers.Security;
using Commerce.Customers.ViewModels;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Commerce.Customers.Drivers;

/// <summary>
/// The Login details tab of the original documentation: Create login for a customer who is not
/// registered; Save (a typed password) and Generate password for one who is.
/// </summary>
public sealed class CustomerLoginDetailsDisplayDriver(
    CustomerLoginService logins,
    LoginAccessService access,
    CustomerAccountSettingsStore settings,
    CustomersDbContext db,
    IHttpContextAccessor httpContextAccessor,
    IStringLocalizer<CustomerLoginDetailsDisplayDriver> S) : CustomerDisplayDriver
{
    public override string TabName => "Login details";
    public override int Position => 30;
    public override Permission ViewPermission => Permissions.ManageCustomerLogins;
    public override Permission EditPermission => Permissions.ManageCustomerLogins;

    public override async Task<EditorShape> EditAsync(Customer customer, BuildEditorContext context) =>
        await ShapeAsync(customer, requirePasswordChange: null, disableReason: null);

    public override async Task<EditorShape?> UpdateAsync(Customer customer, UpdateEditorContext context)
    {
        var form = new LoginDetailsForm();
        await context.Updater.TryUpdateModelAsync(form, "");
        var actor = LoginActor.Of(httpContextAccessor.HttpContext?.User);

        // Built before acting: a failed action may leave the transaction unusable (PostgreSQL aborts
        // it), and the page shown after a failure is the page as it was.
        var shape = await ShapeAsync(customer, form.RequirePasswordChange, form.DisableReason);

        var result = form.Action switch
        {
            "create" => await logins.CreateLoginAsync(customer, actor),
            "generate" => await logins.GeneratePasswordAsync(customer, actor, form.RequirePasswordChange),
            "save" => await logins.SetPasswordAsync(customer, form.Password, form.ConfirmPassword, actor, form.RequirePasswordChange),
            "disable" => await access.DisableAsync(customer, form.DisableReason, actor),
            "enable" => await access.EnableAsync(customer, actor),
            "sign-out" => await access.SignOutEverywhereAsync(customer, actor),
            "reset-two-factor" => await access.ResetTwoFactorAsync(customer, actor),
            _ => LoginActionResult.Failed("", S["Choose Create login, Save or Generate password."]),
        };

        foreach (var error in result.Errors)
        {
            context.Updater.ModelState.AddModelError(error.Field, error.Message);
        }

        context.SuccessMessage = result.Message;
        return shape;
    }

    private async Task<EditorShape> ShapeAsync(Customer customer, bool? requirePasswordChange, string? disableReason)
    {
        var login = customer.UserId is null ? null
            : await db.Users.AsNoTracking().Where(user => user.Id == customer.UserId).Select(user => new
            {
                user.DisabledUtc,
                user.DisabledBy,
                user.DisabledReason,
                LastSignInUtc = db.SignInEvents.Where(sign => sign.UserId == user.Id && sign.Succeeded).Max(sign => (DateTime?)sign.CreatedUtc),
                HasPassword = user.PasswordHash != null,
                user.TwoFactorEnabled,
                Passkeys = db.UserPasskeys.Count(passkey => passkey.UserId == user.Id),
            }).SingleOrDefaultAsync();
        var accountSettings = await settings.GetAsync();
        var history = await (
            from audit in db.LoginAudits.AsNoTracking()
            where audit.CustomerId == customer.Id
            join notification in db.Notifications on audit.NotificationId equals notification.Id into sent
            from notification in sent.DefaultIfEmpty()
            orderby audit.CreatedUtc descending, audit.Id descending
            select new LoginAuditRow(audit, notification == null ? null : notification.Subject, notification == null ? null : notification.Status))
            .Take(50)
            .ToListAsync();

        return new EditorShape("CustomerLoginDetails_Edit", new LoginDetailsViewModel
        {
            IsRegistered = customer.IsRegistered,
            Email = customer.Email,
            MinimumStrength = accountSettings.MinimumPasswordStrength,
            Mode = accountSettings.NotificationMode,
            RequirePasswordChange = requirePasswordChange ?? accountSettings.RequirePasswordChangeByDefault,
            UserInputsJson = JsonSerializer.Serialize(MinimumStrengthPasswordValidator.UserInputs(customer).Where(input => !string.IsNullOrWhiteSpace(input))),
            History = history,
            DisabledUtc = login?.DisabledUtc,
            DisabledBy = login?.DisabledBy,
            DisabledReason = login?.DisabledReason,
            LastSignInUtc = login?.LastSignInUtc,
            HasPassword = login?.HasPassword ?? false,
            TwoFactorEnabled = login?.TwoFactorEnabled ?? false,
            PasskeyCount = login?.Passkeys ?? 0,
            DisableReason = disableReason,
        });
    }

}
