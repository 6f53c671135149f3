using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Workflow.Engine;
using Workflow.Web.Localization;

namespace Workflow.Web.Pages.Shared;

/// <summary>
/// A page whose forms each run one product command: the command's notice is flashed and the browser redirected; a
/// record the caller cannot see is 404; any other refusal shows the page again with its message and field errors
/// (and the status it carries).
/// </summary>
public abstract class CommandPage : PageModel
{
    public string? Message { get; private set; }

    public IReadOnlyList<FieldError> Errors { get; private set; } = [];

    /// <summary>Runs <paramref name="command"/>; on success goes to <paramref name="redirect"/> (read after the command ran).</summary>
    protected async Task<IActionResult> RunAsync(Func<Actor, Task<Message>> command, Func<string> redirect, Func<CancellationToken, Task> reload, CancellationToken ct)
    {
        try
        {
            this.Flash(await command(Actor.From(User)));
            return Redirect(redirect());
        }
        catch (DomainException ex) when (ex.Status == 404)
        {
            return NotFound();
        }
        catch (DomainException ex)
        {
            Message = this.Say(ex.Text);
            Errors = ex.Errors;
            Response.StatusCode = ex.Status;
            await reload(ct);
            return Page();
        }
    }
}
