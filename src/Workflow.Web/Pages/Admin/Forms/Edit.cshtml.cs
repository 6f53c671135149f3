using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Workflow.Web.Designer;

namespace Workflow.Web.Pages.Admin.Forms;

/// <summary>form-js's editor for one form key: the latest version, or a starting schema for a new key.</summary>
public sealed class EditModel(FormLibrary forms) : PageModel
{
    [BindProperty(SupportsGet = true)] public string Key { get; set; } = "";
    [BindProperty(SupportsGet = true, Name = "name")] public string? Name { get; set; }

    public int Version { get; private set; }
    public string SchemaJson { get; private set; } = "";
    public List<FormDefinition> Versions { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Key = Key.Trim();
        if (Key.Length == 0)
        {
            return RedirectToPage("Index");
        }

        Versions = await forms.VersionsAsync(Key, ct);
        if (Versions.Count > 0)
        {
            Version = Versions[0].Version;
            Name = Versions[0].Name;
            SchemaJson = Versions[0].Schema;
        }
        else
        {
            SchemaJson = JsonSerializer.Serialize(new
            {
                type = "default", id = Key, schemaVersion = 16,
                components = new object[]
                {
                    new { type = "textfield", key = "comment", label = "Ý kiến", validate = new { required = true } },
                },
            });
        }

        return Page();
    }
}
