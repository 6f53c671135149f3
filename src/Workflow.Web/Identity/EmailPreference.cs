namespace Workflow.Web.Identity;

/// <summary>How a user wants reminder emails (chosen on the notifications page).</summary>
public enum EmailPreference
{
    Immediate = 0,
    DigestOnly = 1,
    Off = 2,
}
