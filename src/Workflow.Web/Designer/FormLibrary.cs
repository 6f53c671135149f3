using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Workflow.Web.Data;
using Workflow.Web.Processes;

namespace Workflow.Web.Designer;

/// <summary>The saved task forms: the latest of each, a form's versions, and the form of a task the caller may see.</summary>
public sealed class FormLibrary(AppDbContext db)
{
    /// <summary>The latest version of every form, in one query.</summary>
    public Task<List<FormDefinition>> LatestAsync(CancellationToken ct) =>
        db.FormDefinitions.AsNoTracking().Where(f => f.Version == db.Set<FormDefinition>().Where(g => g.Key == f.Key).Max(g => g.Version))
            .OrderBy(f => f.Key).ToListAsync(ct);

    public Task<FormDefinition?> LatestAsync(string key, CancellationToken ct) =>
        db.FormDefinitions.AsNoTracking().Where(f => f.Key == key).OrderByDescending(f => f.Version).FirstOrDefaultAsync(ct);

    public Task<List<FormDefinition>> VersionsAsync(string key, CancellationToken ct) =>
        db.FormDefinitions.AsNoTracking().Where(f => f.Key == key).OrderByDescending(f => f.Version).ToListAsync(ct);

    /// <summary>A task the caller may see (404 otherwise) that uses a designed form, and that form's latest version.</summary>
    public async Task<(WfTask Task, FormDefinition Form)> ForTaskAsync(Guid taskId, ClaimsPrincipal user, CancellationToken ct)
    {
        var task = await db.WfTasks.AsNoTracking().FirstOrDefaultAsync(t => t.Id == taskId, ct);
        if (task is null || !TaskAccess.CanSee(task, Actor.From(user)))
        {
            throw DomainException.NotFound("việc này");
        }

        if (task.FormKey is not { } formKey || !formKey.StartsWith(ProcessDesigner.CustomFormPrefix, StringComparison.Ordinal))
        {
            throw DomainException.Invalid("Việc này không dùng biểu mẫu thiết kế.");
        }

        var form = await LatestAsync(formKey[ProcessDesigner.CustomFormPrefix.Length..], ct)
            ?? throw DomainException.Invalid($"Không có biểu mẫu \"{formKey}\"; báo quản trị viên thiết kế biểu mẫu này.");
        return (task, form);
    }
}
