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

/// <summary>Edit a user's name, role and unit; lock, unlock and reset the password. Only users in the admin's scope.</summary>
public sealed class EditModel(AppDbContext db, UserManager<AppUser> users) : PageModel
{
    [BindProperty]
    public EditInput Input { get; set; } = new();

    public AppUser? TargetUser { get; private set; }
    public List<UnitChoice> UnitItems { get; private set; } = [];
    public bool IsLocked => TargetUser?.LockoutEnd is { } end && end > DateTimeOffset.UtcNow;
    public string LockedUntilText => TargetUser?.LockoutEnd is { } end
        ? (end.Year > 9000 ? "khi được mở" : VietnamTime.Format(end.UtcDateTime)) : "";

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        Input = new EditInput
        {
            FullName = TargetUser!.FullName,
            UnitId = TargetUser.UnitId,
            Role = (await users.GetRolesAsync(TargetUser)).FirstOrDefault() ?? Roles.Member,
        };
        UnitItems = await UnitOptions.LoadAsync(db, TargetUser.UnitId);
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(Guid id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        if (!Roles.All.Contains(Input.Role))
        {
            ModelState.AddModelError("Input.Role", "Vai trò không hợp lệ.");
        }

        if (!await db.Units.AnyAsync(u => u.Id == Input.UnitId && u.ValidTo == null))
        {
            ModelState.AddModelError("Input.UnitId", "Đơn vị không tồn tại, đã giải thể hoặc nằm ngoài phạm vi của bạn.");
        }

        if (TargetUser!.Id == AppClaims.UserIdOf(User) && Input.Role != Roles.Admin)
        {
            ModelState.AddModelError("Input.Role", "Không thể tự bỏ vai trò quản trị của chính mình.");
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

        await using var tx = await db.Database.BeginTransactionAsync();
        TargetUser.FullName = fullName!;
        TargetUser.UnitId = Input.UnitId;
        var result = await users.UpdateAsync(TargetUser);
        var current = await users.GetRolesAsync(TargetUser);
        if (result.Succeeded && !current.SequenceEqual([Input.Role]))
        {
            result = await users.RemoveFromRolesAsync(TargetUser, current);
            if (result.Succeeded)
            {
                result = await users.AddToRoleAsync(TargetUser, Input.Role);
            }
        }

        if (result.Succeeded)
        {
            // The cookie carries the unit and roles: a new stamp makes the user's next request re-read them.
            result = await users.UpdateSecurityStampAsync(TargetUser);
        }

        if (!result.Succeeded)
        {
            result.Errors.ToList().ForEach(e => ModelState.AddModelError(string.Empty, e.Description));
            UnitItems = await UnitOptions.LoadAsync(db, Input.UnitId);
            return Page();
        }

        await tx.CommitAsync();
        this.Flash($"Đã lưu người dùng {TargetUser.UserName}.");
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostLockAsync(Guid id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        if (TargetUser!.Id == AppClaims.UserIdOf(User))
        {
            this.Flash("Không thể tự khóa tài khoản của chính mình.");
            return RedirectToPage(new { id });
        }

        await users.SetLockoutEnabledAsync(TargetUser, true);
        await users.SetLockoutEndDateAsync(TargetUser, DateTimeOffset.MaxValue);
        await users.UpdateSecurityStampAsync(TargetUser);
        this.Flash($"Đã khóa tài khoản {TargetUser.UserName}.");
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostUnlockAsync(Guid id)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        await users.SetLockoutEndDateAsync(TargetUser!, null);
        await users.ResetAccessFailedCountAsync(TargetUser!);
        this.Flash($"Đã mở khóa tài khoản {TargetUser!.UserName}.");
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostResetPasswordAsync(Guid id, string? newPassword)
    {
        if (!await LoadAsync(id))
        {
            return NotFound();
        }

        if (string.IsNullOrEmpty(newPassword))
        {
            ModelState.AddModelError(string.Empty, "Vui lòng nhập mật khẩu mới.");
        }
        else
        {
            var token = await users.GeneratePasswordResetTokenAsync(TargetUser!);
            var result = await users.ResetPasswordAsync(TargetUser!, token, newPassword);
            if (result.Succeeded)
            {
                this.Flash($"Đã đặt lại mật khẩu cho {TargetUser!.UserName}.");
                return RedirectToPage(new { id });
            }

            result.Errors.ToList().ForEach(e => ModelState.AddModelError(string.Empty, e.Description));
        }

        Input = new EditInput { FullName = TargetUser!.FullName, UnitId = TargetUser.UnitId, Role = (await users.GetRolesAsync(TargetUser)).FirstOrDefault() ?? Roles.Member };
        UnitItems = await UnitOptions.LoadAsync(db, TargetUser.UnitId);
        return Page();
    }

    /// <summary>Loads the user only if their unit is in the admin's scope.</summary>
    private async Task<bool> LoadAsync(Guid id)
    {
        TargetUser = await db.Users.FirstOrDefaultAsync(u => u.Id == id && db.Units.Any(x => x.Id == u.UnitId));
        return TargetUser is not null;
    }

    public sealed class EditInput
    {
        [Required(ErrorMessage = "Vui lòng nhập họ và tên.")]
        [StringLength(200, ErrorMessage = "Họ và tên không quá 200 ký tự.")]
        public string FullName { get; set; } = "";

        [Required(ErrorMessage = "Vui lòng chọn vai trò.")]
        public string Role { get; set; } = Roles.Member;

        public Guid UnitId { get; set; }
    }
}
