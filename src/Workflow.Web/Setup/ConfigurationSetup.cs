namespace Workflow.Web.Setup;

public static class ConfigurationSetup
{
    /// <summary>
    /// The product owner keeps the configuration in one appsettings.json at the repository root. The build copies it
    /// (and appsettings.{Environment}.json beside it) next to the binaries; we load those copies first so that
    /// environment variables and the command line still override them, as in any ASP.NET Core app.
    /// </summary>
    public static void AddRootConfiguration(this WebApplicationBuilder builder)
    {
        var baseDir = AppContext.BaseDirectory;
        var sources = builder.Configuration.Sources;
        sources.Insert(0, JsonSource(Path.Combine(baseDir, "appsettings.json")));
        sources.Insert(1, JsonSource(Path.Combine(baseDir, $"appsettings.{builder.Environment.EnvironmentName}.json")));
    }

    private static Microsoft.Extensions.Configuration.Json.JsonConfigurationSource JsonSource(string path)
    {
        var source = new Microsoft.Extensions.Configuration.Json.JsonConfigurationSource
        {
            Path = Path.GetFileName(path),
            Optional = true,
            ReloadOnChange = false,
            FileProvider = new Microsoft.Extensions.FileProviders.PhysicalFileProvider(Path.GetDirectoryName(path)!),
        };
        return source;
    }
}
