namespace Workflow.Web.Templates;

/// <summary>A template that does not parse or render: the admin sees every message, nothing is saved.</summary>
public sealed class TemplateException(string message, IReadOnlyList<string> problems) : Exception(message)
{
    public IReadOnlyList<string> Problems { get; } = problems;
}
