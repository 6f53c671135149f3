using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Workflow.Web.Data;
using Workflow.Web.Identity;
using Workflow.Web.Localization;
using Workflow.Web.Pages.Shared;

namespace Workflow.Web.Pages.Admin.Users;

/// <summary>Creates a user bound to one unit (in the admin's scope) with one role.</summary>
public sealed class CreateModel(AppDbContext db, UserManager<AppUser> users) : PageModel
{
    [BindProperty]
    public UserInput Input { get; set; } = new();

    public List<UnitChoice> UnitItems { get; private set; } = [];

    public async Task OnGetAsync() => UnitItems = await UnitOptions.LoadAsync(db);

    public async Task<IActionResult> OnPostAsync()
    {
        if (!Roles.All.Contains(Input.Role))
        {
            ModelState.AddModelError("Input.Role", "Vai trò không hợp lệ.");
        }

        if (Input.UnitId is { } unitId && !await db.Units.AnyAsync(u => u.Id == unitId && u.ValidTo == null))
        {
            ModelState.AddModelError("Input.UnitId", "Đơn vị không tồn tại, đã giải thể hoặc nằm ngoài phạm vi của bạn.");
        }

        var (fullName, nameError) = TextRules.Check(Input.FullName, 200, "Input.FullName", "Họ và tên", required: true);
        if (nameError is not null)
        {
            ModelState.AddModelError("Input.FullName", this.Say(nameError.Message));
        }

        if (!ModelState.IsValid)
        {
            UnitItems = await UnitOptions.LoadAsync(db, Input.UnitId);
            return Page();
        }

        var user = new AppUser
        {
            UserName = Input.UserName.Trim(),
            FullName = fullName!,
            UnitId = Input.UnitId!.Value,
            Email = string.IsNullOrWhiteSpace(Input.Email) ? null : Input.Email.Trim(),
        };
        await using var tx = await db.Database.BeginTransactionAsync();
        var result = await users.CreateAsync(user, Input.Password);
        if (result.Succeeded)
        {
            result = await users.AddToRoleAsync(user, Input.Role);
        }

        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError(string.Empty, error.Description);
            }

            UnitItems = await UnitOptions.LoadAsync(db, Input.UnitId);
            return Page();
        }

        await tx.CommitAsync();
        this.Flash($"Đã tạo người dùng {user.UserName}.");
        return RedirectToPage("Index");
    }

    public sealed class UserInput
    {
        [Required(ErrorMessage = "Vui lòng nhập tên đăng nhập.")]
        [StringLength(64, MinimumLength = 3, ErrorMessage = "Tên đăng nhập dài từ 3 đến 64 ký tự.")]
        public string UserName { get; set; } = "";

        [Required(ErrorMessage = "Vui lòng nhập họ và tên.")]
        [StringLength(200, ErrorMessage = "Họ và tên không quá 200 ký tự.")]
        public string FullName { get; set; } = "";

        [Required(ErrorMessage = "Vui lòng chọn vai trò.")]
        public string Role { get; set; } = Roles.Member;

        [Required(ErrorMessage = "Vui lòng chọn đơn vị.")]
        public Guid? UnitId { get; set; }

        [Required(ErrorMessage = "Vui lòng nhập mật khẩu ban đầu.")]
        [DataType(DataType.Password)]
        public string Password { get; set; } = "";

        [EmailAddress(ErrorMessage = "Địa chỉ thư điện tử không hợp lệ.")]
        public string? Email { get; set; }
    }
}
