using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Workflow.Web.Identity;

namespace Workflow.Web.Pages.Account;

/// <summary>Sign-out is a POST (with the anti-forgery token) so a link on another site cannot sign a user out.</summary>
public sealed class LogoutModel(SignInManager<AppUser> signIn) : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await signIn.SignOutAsync();
        return LocalRedirect("/Account/Login");
    }
}
