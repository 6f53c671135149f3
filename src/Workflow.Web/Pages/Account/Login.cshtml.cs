using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;
using Workflow.Web.Identity;

namespace Workflow.Web.Pages.Account;

public sealed class LoginModel(SignInManager<AppUser> signIn, UserManager<AppUser> users, SignInTiming timing, IStringLocalizer<SharedResource> t,
    ILogger<LoginModel> logger)
    : PageModel
{
    [BindProperty]
    public LoginInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Error { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var user = Input.UserName.Length <= 256 ? await users.FindByNameAsync(Input.UserName.Trim()) : null;
        if (user is null)
        {
            // As slow as a wrong password for a real user: the timing must not tell which user names exist.
            timing.SpendPasswordCheck(Input.Password);
            Error = t["Tên đăng nhập hoặc mật khẩu không đúng."];
            return Page();
        }

        var result = await signIn.PasswordSignInAsync(user, Input.Password, Input.RememberMe, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            logger.LogInformation("User {User} signed in", Input.UserName);
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
        }

        if (result.IsLockedOut)
        {
            logger.LogWarning("User {User} is locked out", Input.UserName);
            Error = t["Tài khoản tạm bị khóa do đăng nhập sai nhiều lần. Vui lòng thử lại sau 15 phút hoặc liên hệ quản trị viên."];
        }
        else if (result.IsNotAllowed)
        {
            Error = t["Tài khoản chưa được phép đăng nhập. Vui lòng liên hệ quản trị viên."];
        }
        else
        {
            Error = t["Tên đăng nhập hoặc mật khẩu không đúng."];
        }

        Response.StatusCode = StatusCodes.Status200OK;
        return Page();
    }

    public sealed class LoginInput
    {
        [Required(ErrorMessage = "Vui lòng nhập tên đăng nhập.")]
        [Display(Name = "Tên đăng nhập")]
        public string UserName { get; set; } = "";

        [Required(ErrorMessage = "Vui lòng nhập mật khẩu.")]
        [DataType(DataType.Password)]
        [Display(Name = "Mật khẩu")]
        public string Password { get; set; } = "";

        [Display(Name = "Ghi nhớ đăng nhập")]
        public bool RememberMe { get; set; }
    }
}
