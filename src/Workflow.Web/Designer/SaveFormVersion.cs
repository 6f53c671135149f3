using Microsoft.EntityFrameworkCore;
using Workflow.Web.Data;
using Workflow.Web.Processes;

namespace Workflow.Web.Designer;

/// <summary>
/// An admin saves a task form as the next version of its key: checked (<see cref="FormSchemaRules"/>), and no field may
/// be named like a variable the product routes work by.
/// </summary>
public sealed class SaveFormVersion(AppDbContext db, ProductProcesses products, TimeProvider clock)
{
    /// <summary>Saves the schema as the next version of <paramref name="key"/>; refuses what the product cannot run.</summary>
    public async Task<FormDefinition> RunAsync(string? key, string? name, string? schema, string user, CancellationToken ct)
    {
        key = key?.Trim() ?? "";
        FormSchemaRules.CheckKeyAndName(key, name);
        var parsed = FormSchemaRules.Parse(schema);
        var problems = FormSchemaRules.Check(parsed);
        // A field named like a variable the product routes work by would let a task holder re-route the file.
        problems.AddRange(FormSchemaRules.Walk(parsed).Select(c => (string?)c.Component["key"]).Where(k => k is not null && products.AllReservedVariables.Contains(k))
            .Select(k => new FieldError(k!, $"Khóa \"{k}\" trùng tên biến do hệ thống ghi (định tuyến hồ sơ); hãy đặt khóa khác.")));
        if (problems.Count > 0)
        {
            throw DomainException.Invalid($"Biểu mẫu có {problems.Count} lỗi; sửa rồi lưu lại.", problems);
        }

        for (var attempt = 0; ; attempt++)
        {
            var version = (await db.FormDefinitions.Where(f => f.Key == key).MaxAsync(f => (int?)f.Version, ct) ?? 0) + 1;
            var form = new FormDefinition
            {
                Key = key, Version = version, Name = name!.Trim(), Schema = parsed.ToJsonString(), SavedAtUtc = clock.GetUtcNow().UtcDateTime, SavedBy = user,
            };
            db.FormDefinitions.Add(form);
            try
            {
                await db.SaveChangesAsync(ct);
                return form;
            }
            catch (DbUpdateException) when (attempt < 3)
            {
                // Two admins saved the same key at once: the unique (key, version) index refused one; take the next number.
                db.Entry(form).State = EntityState.Detached;
            }
        }
    }
}
