namespace Workflow.Testing;

/// <summary>Where tests leave what people look at: artifacts/screenshots at the repository root.</summary>
public static class Artifacts
{
    /// <summary>The repository's root (the folder of Workflow.sln).</summary>
    public static string RepositoryRoot { get; } = FindRoot();

    public static string ScreenshotDir { get; } = Screenshots();

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Workflow.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? Path.GetTempPath();
    }

    private static string Screenshots()
    {
        var path = Path.Combine(RepositoryRoot, "artifacts", "screenshots");
        Directory.CreateDirectory(path);
        return path;
    }
}
