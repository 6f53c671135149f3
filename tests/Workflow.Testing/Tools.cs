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

    /// <summary>A PDF's words as pdftotext reads them, spacing folded (shaped runs can come out with doubled spaces).</summary>
    public static string PdfText(string path) => Spaces().Replace(Run("pdftotext", $"{path} -"), " ");

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
