using Workflow.Engine.Runtime;

namespace Workflow.Web.Processes;

/// <summary>
/// Deploys the BPMN files shipped in the repository's workflows/ folder (copied beside the binaries) at start. An
/// unchanged file is a no-op; a changed one becomes the next version. A file that does not validate stops the start:
/// the product must not run with a broken shipped process.
/// </summary>
public static class WorkflowFiles
{
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "workflows");

    public static async Task<DeploymentResult?> DeployAsync(WorkflowEngine engine, ProductProcesses products, ILogger logger, CancellationToken ct = default)
    {
        if (!Directory.Exists(Folder))
        {
            return null;
        }

        var files = Directory.GetFiles(Folder, "*.bpmn").Order(StringComparer.Ordinal)
            .Select(f => (Path.GetFileName(f), File.ReadAllBytes(f))).ToList();
        if (files.Count == 0)
        {
            return null;
        }

        if (products.CheckDeployment(files) is { Count: > 0 } problems)
        {
            throw new Workflow.Engine.Bpmn.BpmnValidationException(problems);
        }

        var result = await engine.DeployAsync("workflows", files, source: "workflows/", changedOnly: true, ct: ct);
        foreach (var d in result.Deployed)
        {
            logger.LogInformation("Deployed {Key} version {Version} from {File}", d.Key, d.Version, d.ResourceName);
        }

        return result;
    }
}
