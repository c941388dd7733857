namespace Commerce.Customers.Localization;

/// <summary>
/// The module's one resource: every <c>IStringLocalizer&lt;T&gt;</c> of a type in this assembly,
/// and the views' <c>T</c>, read ModuleText.{culture}.resx, like an Orchard Core module's one PO
/// file per culture. The English text is the key, so English needs no file and a sentence that
/// was never translated reads in English rather than as a code.
/// </summary>
public sealed class ModuleText;
