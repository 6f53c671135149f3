using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Workflow.Web.Data;
using Workflow.Web.Templates;
namespace Workflow.Web.Awards;

/// <summary>
/// The versions of the certificate template: version 0 is the built-in design, every save adds version N+1 (checked
/// first: a layout that does not validate or whose texts do not render is refused with every problem listed).
/// Compiled layouts are cached per version; versions never change once saved.
/// </summary>
public sealed class CertificateTemplates(AppDbContext db, TimeProvider clock, CertificateLayoutCache cache)
{
    private ConcurrentDictionary<int, CompiledLayout> Compiled => cache.Versions;

    public async Task<int> LatestVersionAsync(CancellationToken ct) =>
        await db.DocumentTemplates.AsNoTracking().Where(t => t.Key == CertificateLayout.Key).MaxAsync(t => (int?)t.Version, ct) ?? 0;

    public async Task<CertificateLayout> LayoutAsync(int version, CancellationToken ct) => (await CompiledAsync(version, ct)).Layout;

    /// <summary>The layout a certificate was issued with (a version that cannot be read any more falls back to the built-in one).</summary>
    public async Task<CompiledLayout> CompiledAsync(int version, CancellationToken ct)
    {
        if (version <= 0)
        {
            return CertificatePdf.DefaultLayout;
        }

        if (Compiled.TryGetValue(version, out var cached))
        {
            return cached;
        }

        var json = await db.DocumentTemplates.AsNoTracking().Where(t => t.Key == CertificateLayout.Key && t.Version == version).Select(t => t.Content).FirstOrDefaultAsync(ct);
        var errors = new List<FieldError>();
        var layout = CertificateLayout.TryParse(json, errors);
        CompiledLayout compiled;
        try
        {
            compiled = layout is null ? CertificatePdf.DefaultLayout : layout.Compile();
        }
        catch (TemplateException)
        {
            compiled = CertificatePdf.DefaultLayout;
        }

        return Compiled.GetOrAdd(version, compiled);
    }

    /// <summary>Checks a submitted layout (JSON) and returns it compiled, or throws a 400 with every problem.</summary>
    public static CompiledLayout Check(string? json)
    {
        var errors = new List<FieldError>();
        var layout = CertificateLayout.TryParse(json, errors);
        if (layout is not null)
        {
            errors.AddRange(layout.Validate(CertificateLayout.Model(CertificateLayout.Sample())));
        }

        if (errors.Count > 0 || layout is null)
        {
            throw DomainException.Invalid("Mẫu giấy khen chưa hợp lệ: sửa các mục được nêu.", errors);
        }

        return layout.Compile();
    }

    public async Task<int> SaveAsync(string? json, string actor, CancellationToken ct)
    {
        var compiled = Check(json);
        var version = await LatestVersionAsync(ct) + 1;
        db.DocumentTemplates.Add(new DocumentTemplate
        {
            Key = CertificateLayout.Key, Version = version, Content = compiled.Layout.ToJson(), SavedAtUtc = clock.GetUtcNow().UtcDateTime, SavedBy = actor,
        });
        await db.SaveChangesAsync(ct);
        return version;
    }
}
