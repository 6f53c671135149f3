namespace Workflow.Testing;

/// <summary>Where tests leave what people look at: artifacts/screenshots at the repository root.</summary>
public static class Artifacts
{
    public static string ScreenshotDir { get; } = Find();

    private static string Find()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Workflow.sln")))
        {
            dir = dir.Parent;
        }

        var path = Path.Combine(dir?.FullName ?? Path.GetTempPath(), "artifacts", "screenshots");
        Directory.CreateDirectory(path);
        return path;
    }
}
