using Commerce.Customers.Accounts;
using Commerce.Customers.Models;
using Commerce.Customers.Services;
using Commerce.Customers.ViewModels;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace Commerce.Customers.Drivers;

/// <summary>The General tab: company, names, email and phone.</summary>
public sealed class CustomerGeneralDisplayDriver(
    CustomerValidator validator,
    UserManager<ShopUser> userManager,
    LoginEmailChange emailChange,
    IHttpContextAccessor httpContextAccessor,
    IStringLocalizer<CustomerGeneralDisplayDriver> S) : CustomerDisplayDriver
{
    public override string TabName => "General";
    public override int Position => 0;
    public override bool ShowOnCreate => true;

    public override Task<EditorShape> EditAsync(Customer customer, BuildEditorContext context) =>
        Task.FromResult(Shape(new CustomerGeneralViewModel
        {
            Company = customer.Company,
            FirstName = customer.FirstName,
            LastName = customer.LastName,
            Email = customer.Email,
            Phone = customer.Phone,
            CreatedUtc = context.IsNew ? null : customer.CreatedUtc,
            IsRegistered = customer.IsRegistered,
        }));

    public override async Task<EditorShape?> UpdateAsync(Customer customer, UpdateEditorContext context)
    {
        var model = new CustomerGeneralViewModel();
        await context.Updater.TryUpdateModelAsync(model, "");
        model.CreatedUtc = context.IsNew ? null : customer.CreatedUtc;
        model.IsRegistered = customer.IsRegistered;

        var errors = validator.Validate(new CustomerFields(model.Company, model.FirstName, model.LastName, model.Email, model.Phone));
        foreach (var error in errors)
        {
            context.Updater.ModelState.AddModelError(error.Field, error.Message);
        }

        if (customer.IsRegistered && string.IsNullOrWhiteSpace(model.Email))
        {
            context.Updater.ModelState.AddModelError(nameof(model.Email), S["A registered customer needs an email: it is their user name."]);
        }

        if (!context.Updater.ModelState.IsValid)
        {
            return Shape(model);
        }

        var formerEmail = customer.Email;
        var emailChanged = !string.Equals(formerEmail, model.Email?.Trim(), StringComparison.Ordinal);
        customer.Company = model.Company;
        customer.FirstName = model.FirstName;
        customer.LastName = model.LastName;
        customer.Email = model.Email;
        customer.Phone = string.IsNullOrWhiteSpace(model.Phone) ? null : model.Phone.Trim();

        if (emailChanged && customer.UserId is not null)
        {
            await RenameLoginAsync(customer, formerEmail, context);
        }

        return Shape(model);
    }

    // The login's user name is the customer's email, so they change together (LoginEmailChange).
    private async Task RenameLoginAsync(Customer customer, string? formerEmail, UpdateEditorContext context)
    {
        var user = await userManager.FindByIdAsync(customer.UserId!);
        if (user is null)
        {
            return;
        }

        var result = await emailChange.MoveByStaffAsync(user, customer, formerEmail, LoginActor.Of(httpContextAccessor.HttpContext?.User));
        var messages = result.Errors.Select(error => error.Code is "DuplicateEmail" or "DuplicateUserName"
            ? S["Another login already uses the email {0}.", customer.Email!].Value
            : error.Description);
        foreach (var message in messages.Distinct())
        {
            context.Updater.ModelState.AddModelError(nameof(CustomerGeneralViewModel.Email), message);
        }
    }

    private static EditorShape Shape(CustomerGeneralViewModel model) => new("CustomerGeneral_Edit", model);
}
