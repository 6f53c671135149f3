using Scriban;
using Workflow.Web.Templates;

namespace Workflow.Web.Awards;

/// <summary>A layout whose block texts are parsed; renders the texts of one certificate.</summary>
public sealed class CompiledLayout(CertificateLayout layout, IReadOnlyList<Template> texts)
{
    public CertificateLayout Layout { get; } = layout;

    public IReadOnlyList<string> Texts(Certificate c)
    {
        var model = CertificateLayout.Model(c);
        return texts.Select(t => DocumentRenderer.Render(t, model).Trim()).ToList();
    }
}
