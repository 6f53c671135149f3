using System.Text;
using Microsoft.Net.Http.Headers;

namespace Workflow.Web.Common;

/// <summary>
/// Names of downloaded files: Vietnamese letters kept (sent as RFC 5987 <c>filename*</c>, with an ASCII fallback for old
/// clients), characters no file system accepts replaced, whitespace collapsed, length bounded.
/// </summary>
public static class FileNames
{
    private const int MaxLength = 120;

    /// <summary>"Quyết định 125-QĐ/HU" → "Quyết định 125-QĐ-HU" (the extension is added by the caller).</summary>
    public static string Safe(string name)
    {
        var text = new StringBuilder(name.Length);
        foreach (var c in name.Normalize(NormalizationForm.FormC))
        {
            text.Append(char.IsControl(c) || c is '/' or '\\' or ':' or '*' or '?' or '"' or '<' or '>' or '|' ? '-' : char.IsWhiteSpace(c) ? ' ' : c);
        }

        var collapsed = string.Join(' ', text.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries)).Trim('.', ' ', '-');
        return collapsed.Length == 0 ? "tệp" : collapsed.Length > MaxLength ? collapsed[..MaxLength].TrimEnd() : collapsed;
    }

    /// <summary>The Content-Disposition value of an attachment called <paramref name="fileName"/> (filename* when not ASCII).</summary>
    public static string Attachment(string fileName)
    {
        var header = new ContentDispositionHeaderValue("attachment");
        header.SetHttpFileName(fileName);
        return header.ToString();
    }
}
