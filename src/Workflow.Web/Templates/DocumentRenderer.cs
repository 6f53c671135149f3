using Microsoft.EntityFrameworkCore;
using Scriban;
using Scriban.Runtime;
using Workflow.Web.Data;
namespace Workflow.Web.Templates;

/// <summary>
/// Renders the admin-editable templates in Scriban's sandbox: no file access, strict variables, loop, recursion and
/// output limits; errors are reported, never thrown at a reader as a crash.
/// </summary>
public sealed class DocumentRenderer(AppDbContext db, TimeProvider clock)
{
    public const int MaxOutputChars = 2_000_000;

    public async Task<string> TemplateTextAsync(string key, CancellationToken ct) =>
        await db.DocumentTemplates.AsNoTracking().Where(t => t.Key == key).OrderByDescending(t => t.Version).Select(t => t.Content).FirstOrDefaultAsync(ct)
        ?? DefaultTemplates.For(key);

    /// <summary>How long one regular expression in a template may try to match.</summary>
    public static readonly TimeSpan RegexTimeLimit = TimeSpan.FromMilliseconds(250);

    /// <summary>How long one rendering may run before it is stopped (an endless or very long loop).</summary>
    public static readonly TimeSpan TimeLimit = TimeSpan.FromSeconds(2);

    public static string Render(string templateText, ScriptObject model) => Render(Compile(templateText), model);

    /// <summary>Parses once (a batch renders the same template many times); syntax errors become a <see cref="TemplateException"/>.</summary>
    public static Template Compile(string templateText)
    {
        var template = Template.Parse(templateText);
        if (template.HasErrors)
        {
            throw new TemplateException("Mẫu văn bản có lỗi cú pháp.", template.Messages.Select(m => m.ToString()).ToList());
        }

        return template;
    }

    /// <summary>
    /// Renders in the sandbox: no includes (no loader), strict variables, at most 50,000 loop iterations, 20 levels of
    /// recursion, 2,000,000 characters of output (checked while writing, so a huge output stops early instead of
    /// filling memory), and <see cref="TimeLimit"/> of time.
    /// </summary>
    public static string Render(Template template, ScriptObject model)
    {
        using var timeout = new CancellationTokenSource(TimeLimit);
        var context = new TemplateContext
        {
            LoopLimit = 50_000,
            RecursiveLimit = 20,
            StrictVariables = true,
            TemplateLoader = null,
            LimitToString = 100_000,
            OnStringLimit = ScriptLimitBehavior.Throw,
            OutputLimit = MaxOutputChars,
            OnOutputLimit = ScriptLimitBehavior.Throw,
            CancellationToken = timeout.Token,
            // Scriban's own default is 10 s per regex; a catastrophic pattern (^(a+)+$) stops here instead.
            RegexTimeOut = RegexTimeLimit,
        };
        context.PushGlobal(model);
        try
        {
            return template.Render(context);
        }
        catch (Exception ex) when (ex is System.Text.RegularExpressions.RegexMatchTimeoutException
            || ex.InnerException is System.Text.RegularExpressions.RegexMatchTimeoutException)
        {
            throw new TemplateException("Biểu thức chính quy (regex) trong mẫu chạy quá lâu.", [$"Tối đa {RegexTimeLimit.TotalMilliseconds:0} ms cho một lần so khớp."]);
        }
        catch (Scriban.Syntax.ScriptAbortException)
        {
            throw new TemplateException("Mẫu văn bản chạy quá lâu (vòng lặp không dừng?).", [$"Tối đa {TimeLimit.TotalSeconds:0} giây cho một lần dựng."]);
        }
        catch (Scriban.Syntax.ScriptRuntimeException ex) when (ex.Message.Contains("OutputLimit", StringComparison.Ordinal) || ex.Message.Contains("LimitToString", StringComparison.Ordinal))
        {
            throw new TemplateException("Văn bản sinh ra quá dài.", [$"Tối đa {MaxOutputChars:N0} ký tự."]);
        }
        catch (Scriban.Syntax.ScriptRuntimeException ex) when (ex.Message.Contains("iteration limit", StringComparison.Ordinal) || ex.Message.Contains("LoopLimit", StringComparison.Ordinal))
        {
            throw new TemplateException("Mẫu văn bản có vòng lặp chạy quá 50.000 lượt (vòng lặp không dừng?).", [ex.Message]);
        }
        catch (Scriban.Syntax.ScriptRuntimeException ex) when (ex.Message.Contains("recursive", StringComparison.OrdinalIgnoreCase))
        {
            throw new TemplateException("Mẫu văn bản gọi lồng nhau quá sâu (tối đa 20 cấp).", [ex.Message]);
        }
        catch (Scriban.Syntax.ScriptRuntimeException ex) when (ex.Message.Contains("TemplateLoader", StringComparison.Ordinal))
        {
            throw new TemplateException("Mẫu văn bản không được nhúng mẫu khác (include).", [ex.Message]);
        }
        catch (Scriban.Syntax.ScriptRuntimeException ex)
        {
            throw new TemplateException("Mẫu văn bản lỗi khi chạy.", [ex.Message]);
        }
        catch (OperationCanceledException)
        {
            throw new TemplateException("Mẫu văn bản chạy quá lâu (vòng lặp không dừng?).", [$"Tối đa {TimeLimit.TotalSeconds:0} giây cho một lần dựng."]);
        }
    }

    /// <summary>Saves a new version of a template after rendering it against <paramref name="sample"/> (a broken one is refused).</summary>
    public async Task<DocumentTemplate> SaveAsync(string key, string content, ScriptObject sample, string actor, CancellationToken ct)
    {
        _ = DefaultTemplates.For(key);
        if (string.IsNullOrWhiteSpace(content) || content.Length > 100_000)
        {
            throw new TemplateException("Mẫu văn bản không được để trống và không quá 100.000 ký tự.", []);
        }

        Render(content, sample);
        var version = await db.DocumentTemplates.Where(t => t.Key == key).Select(t => (int?)t.Version).MaxAsync(ct) ?? 0;
        var saved = new DocumentTemplate { Key = key, Version = version + 1, Content = content, SavedAtUtc = clock.GetUtcNow().UtcDateTime, SavedBy = actor };
        db.DocumentTemplates.Add(saved);
        await db.SaveChangesAsync(ct);
        return saved;
    }
}
