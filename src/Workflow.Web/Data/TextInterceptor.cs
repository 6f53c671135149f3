using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Workflow.Web.Data;

/// <summary>
/// The last line behind the edges' validation: every bounded text column of an added or changed row is stored in NFC,
/// without control characters (line breaks and tabs excepted) or bidirectional overrides, and within its declared
/// length (SQLite would otherwise store a 325-character number in a 100-character column). A violation is a 400 with
/// the field named, before anything is written.
/// </summary>
public sealed class TextInterceptor : SaveChangesInterceptor
{
    public static TextInterceptor Instance { get; } = new();

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Check(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        Check(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private static void Check(DbContext? context)
    {
        if (context is null)
        {
            return;
        }

        foreach (var entry in context.ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified))
            {
                continue;
            }

            foreach (var property in entry.Properties)
            {
                if (property.Metadata.ClrType != typeof(string) || property.Metadata.GetMaxLength() is not { } max
                    || (entry.State == EntityState.Modified && !property.IsModified) || property.CurrentValue is not string { Length: > 0 } value)
                {
                    continue;
                }

                if (value.Length <= max && TextRules.IsClean(value, multiline: true))
                {
                    continue;
                }

                var field = char.ToLowerInvariant(property.Metadata.Name[0]) + property.Metadata.Name[1..];
                var (clean, error) = TextRules.Check(value, max, field, field, multiline: true);
                if (error is null && value.Normalize(System.Text.NormalizationForm.FormC).Length > max)
                {
                    error = new FieldError(field, $"{field} dài quá {max:N0} ký tự.");
                }

                if (error is not null)
                {
                    throw DomainException.Invalid(error.Message, [error]);
                }

                // Whitespace at the ends is kept as stored (some keys are exact); only the normal form changes.
                if (clean is not null && !value.IsNormalized(System.Text.NormalizationForm.FormC))
                {
                    property.CurrentValue = value.Normalize(System.Text.NormalizationForm.FormC);
                }
            }
        }
    }
}
