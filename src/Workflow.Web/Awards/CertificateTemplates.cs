using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Workflow.Web.Data;
using Workflow.Web.Templates;
namespace Workflow.Web.Awards;

/// <summary>
/// The versions of the certificate templates: the shared one ("certificate") and, when an admin gives an award kind its
/// own, the kind's ("certificate:GK-DVK"). Version 0 is the built-in design, every save adds version N+1 of that template
/// (checked first: a layout that does not validate or whose texts do not render is refused with every problem listed).
/// A kind without its own template uses the shared one. Compiled layouts are cached per template and version; versions
/// never change once saved.
/// </summary>
public sealed class CertificateTemplates(AppDbContext db, TimeProvider clock, CertificateLayoutCache cache)
{
    private ConcurrentDictionary<(string Key, int Version), CompiledLayout> Compiled => cache.Versions;

    /// <summary>The template key of an award kind's own certificate template.</summary>
    public static string KeyOf(string kindCode) => $"{CertificateLayout.Key}:{kindCode}";

    /// <summary>The template a kind's certificates are issued with: its own once an admin saved one, else the shared one.</summary>
    public async Task<string> KeyForAsync(string kindCode, CancellationToken ct)
    {
        var own = KeyOf(kindCode);
        return await db.DocumentTemplates.AsNoTracking().AnyAsync(t => t.Key == own, ct) ? own : CertificateLayout.Key;
    }

    public Task<int> LatestVersionAsync(CancellationToken ct) => LatestVersionAsync(CertificateLayout.Key, ct);

    public async Task<int> LatestVersionAsync(string key, CancellationToken ct) =>
        await db.DocumentTemplates.AsNoTracking().Where(t => t.Key == key).MaxAsync(t => (int?)t.Version, ct) ?? 0;

    public async Task<CertificateLayout> LayoutAsync(int version, CancellationToken ct) => (await CompiledAsync(CertificateLayout.Key, version, ct)).Layout;

    public async Task<CertificateLayout> LayoutAsync(string key, int version, CancellationToken ct) => (await CompiledAsync(key, version, ct)).Layout;

    public Task<CompiledLayout> CompiledAsync(int version, CancellationToken ct) => CompiledAsync(CertificateLayout.Key, version, ct);

    /// <summary>The layout a certificate was issued with (a version that cannot be read any more falls back to the built-in one).</summary>
    public async Task<CompiledLayout> CompiledAsync(string key, int version, CancellationToken ct)
    {
        if (version <= 0)
        {
            return CertificatePdf.DefaultLayout;
        }

        if (Compiled.TryGetValue((key, version), out var cached))
        {
            return cached;
        }

        var json = await db.DocumentTemplates.AsNoTracking().Where(t => t.Key == key && t.Version == version).Select(t => t.Content).FirstOrDefaultAsync(ct);
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

        return Compiled.GetOrAdd((key, version), compiled);
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

    public Task<int> SaveAsync(string? json, string actor, CancellationToken ct) => SaveAsync(CertificateLayout.Key, json, actor, ct);

    public async Task<int> SaveAsync(string key, string? json, string actor, CancellationToken ct)
    {
        var compiled = Check(json);
        var version = await LatestVersionAsync(key, ct) + 1;
        db.DocumentTemplates.Add(new DocumentTemplate
        {
            Key = key, Version = version, Content = compiled.Layout.ToJson(), SavedAtUtc = clock.GetUtcNow().UtcDateTime, SavedBy = actor,
        });
        await db.SaveChangesAsync(ct);
        return version;
    }
}
