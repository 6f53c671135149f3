using System.IO.Compression;

namespace Workflow.Web.Ratings;

/// <summary>
/// What an uploaded evidence file really is, by its content (never its name or the browser's word): PDF, PNG, JPEG or a
/// Word document (a ZIP with Word's parts). Anything else is refused by the caller.
/// </summary>
public static class FileSniffing
{
    /// <summary>The type by the first bytes (and, for a ZIP, the entries of a Word document).</summary>
    public static (string ContentType, string Extension)? Sniff(byte[] bytes)
    {
        static bool Starts(byte[] b, params byte[] magic) => b.Length >= magic.Length && b.AsSpan(0, magic.Length).SequenceEqual(magic);
        if (Starts(bytes, "%PDF-"u8.ToArray()))
        {
            return ("application/pdf", ".pdf");
        }

        if (Starts(bytes, 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A))
        {
            return ("image/png", ".png");
        }

        if (Starts(bytes, 0xFF, 0xD8, 0xFF))
        {
            return ("image/jpeg", ".jpg");
        }

        if (Starts(bytes, 0x50, 0x4B, 0x03, 0x04))
        {
            try
            {
                using var zip = new ZipArchive(new MemoryStream(bytes), ZipArchiveMode.Read);
                if (zip.GetEntry("[Content_Types].xml") is not null && zip.GetEntry("word/document.xml") is not null)
                {
                    return ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx");
                }
            }
            catch (InvalidDataException)
            {
                return null;
            }
        }

        return null;
    }
}
