namespace Workflow.Web;

/// <summary>
/// Anchor type for the shared string resources. Keys are the Vietnamese texts themselves (the default culture);
/// Localization/SharedResource.en.resx holds the English translations.
/// </summary>
public sealed class SharedResource;
