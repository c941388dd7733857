using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace Commerce.Customers.Localization;

/// <summary>
/// MVC's own words for a value it cannot bind ("The value 'abc' is not valid for Amount."), in the
/// viewer's language. The forms name their fields in their own messages; these appear when a value
/// cannot even be read, such as letters typed into a number field.
/// </summary>
internal sealed class LocalizedBindingMessages(IStringLocalizer<LocalizedBindingMessages> S) : IConfigureOptions<MvcOptions>
{
    public void Configure(MvcOptions options)
    {
        var messages = options.ModelBindingMessageProvider;
        messages.SetAttemptedValueIsInvalidAccessor((value, field) => S["The value '{0}' is not valid for {1}.", value, field]);
        messages.SetMissingBindRequiredValueAccessor(field => S["A value for {0} was not provided.", field]);
        messages.SetMissingKeyOrValueAccessor(() => S["A value is required."]);
        messages.SetMissingRequestBodyRequiredValueAccessor(() => S["A value is required."]);
        messages.SetNonPropertyAttemptedValueIsInvalidAccessor(value => S["The value '{0}' is not valid.", value]);
        messages.SetNonPropertyUnknownValueIsInvalidAccessor(() => S["The value is not valid."]);
        messages.SetNonPropertyValueMustBeANumberAccessor(() => S["The field must be a number."]);
        messages.SetUnknownValueIsInvalidAccessor(field => S["The value is not valid for {0}.", field]);
        messages.SetValueIsInvalidAccessor(value => S["The value '{0}' is not valid.", value]);
        messages.SetValueMustBeANumberAccessor(field => S["The field {0} must be a number.", field]);
        messages.SetValueMustNotBeNullAccessor(value => S["The value '{0}' is not valid.", value]);
    }
}
