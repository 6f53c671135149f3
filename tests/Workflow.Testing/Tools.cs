using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Workflow.Testing;

/// <summary>The command-line tools tests look at documents with (poppler's pdftotext and pdftoppm, installed by tests/run-all.sh).</summary>
public static partial class Tools
{
    /// <summary>Runs a tool and returns what it wrote; a failing tool fails the test with its error output.</summary>
    public static string Run(string tool, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(tool, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0 ? output : throw new InvalidOperationException($"{tool} failed ({process.ExitCode}): {error}");
    }

    /// <summary>
    /// A PDF's words as pdftotext reads them, spacing folded (shaped runs can come out with doubled spaces) and the
    /// Latin ligatures the shaper forms ("ﬀ" in a name holding "ff") read back as their letters.
    /// </summary>
    public static string PdfText(string path) => Spaces().Replace(Run("pdftotext", $"{path} -"), " ")
        .Replace("ﬃ", "ffi", StringComparison.Ordinal).Replace("ﬄ", "ffl", StringComparison.Ordinal).Replace("ﬀ", "ff", StringComparison.Ordinal)
        .Replace("ﬁ", "fi", StringComparison.Ordinal).Replace("ﬂ", "fl", StringComparison.Ordinal);

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
